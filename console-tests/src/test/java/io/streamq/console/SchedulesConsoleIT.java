package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schedules page through the one origin: create with the server's preview of the next fire times, a bad cron
 * named beside its field, pause, resume, run now and delete, each checked through monitor's API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulesConsoleIT extends ConsoleTestBase {

    // Yearly at midnight New York time: the preview and the create agree unless New Year passes in between.
    private static final String YEARLY_CRON = "0 0 1 1 *";
    private static final String ZONE = "America/New_York";

    private final String id = "console-schedule-" + System.nanoTime();
    private final String row = "[data-schedule='" + id + "'] ";

    private void openCreateForm(String scheduleId, String jobName) {
        waitFor(By.cssSelector("[data-test=schedules-new]:not([disabled])")).click();
        waitFor(By.cssSelector("[data-test=schedules-create-dialog] [data-test=schedules-id]")).sendKeys(scheduleId);
        new Select(browser.findElement(By.cssSelector("[data-test=schedules-job-type]"))).selectByValue(jobName);
    }

    private static void retype(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private void typeInto(String css, String text) {
        retype(browser.findElement(By.cssSelector(css)), text);
    }

    @SuppressWarnings("unchecked")
    private List<Long> previewTimes() {
        List<Object> ms = (List<Object>) js("return [...document.querySelectorAll("
                + "'[data-test=schedules-preview-times] time')].map(t => Number(t.dataset.ms))");
        List<Long> times = new ArrayList<>();
        ms.forEach(v -> times.add(((Number) v).longValue()));
        return times;
    }

    private boolean shown(String css) {
        return Boolean.TRUE.equals(js("const e = document.querySelector(arguments[0]); return !!e && !e.hidden "
                + "&& e.textContent.trim().length > 0", css));
    }

    private int status(String path) {
        try {
            return call("GET", path, null).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schedule as monitor's API answers it now. */
    private JsonNode schedule() {
        try {
            return get("/owner/schedules/" + id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void createsAScheduleWhosePreviewShowsTheTimesTheApiAnswers() throws Exception {
        signInAsOwner();
        navigate("#/schedules");
        openCreateForm(id, "system.health-check");
        typeInto("[data-test=schedules-cron]", YEARLY_CRON);
        typeInto("[data-test=schedules-timezone]", ZONE);
        waitUntil("the preview shows five times", () -> previewTimes().size() == 5);
        List<Long> preview = previewTimes();
        shot("01-create-preview-en-light");

        click("[data-test=schedules-create-submit]");
        waitFor(By.cssSelector(row + "[data-test=schedule-pause]"));

        JsonNode saved = schedule();
        List<Long> nextRuns = new ArrayList<>();
        saved.get("nextRuns").forEach(t -> nextRuns.add(t.asLong()));
        assertThat(preview).isEqualTo(nextRuns);
        assertThat(saved.get("cron").asText()).isEqualTo(YEARLY_CRON);
        assertThat(saved.get("timezone").asText()).isEqualTo(ZONE);
        assertThat(saved.get("origin").asText()).isEqualTo("api");
        assertThat(attr(row + "td:nth-child(4) time", "data-ms")).isEqualTo(String.valueOf(nextRuns.getFirst()));
        shot("02-list-en-light");
    }

    @Test
    @Order(2)
    void aBadCronIsNamedBesideItsFieldAndNothingIsCreated() {
        String bad = "console-bad-cron-" + System.nanoTime();
        openCreateForm(bad, "system.cleanup");
        typeInto("[data-test=schedules-cron]", "0 3 * * *");
        // The cleanup's payload needs olderThanHours: the preview names it beside the payload.
        waitUntil("the payload's error is shown", () -> shown("[data-test=schedules-error-payload]"));
        typeInto("[data-test=schedules-payload]", "{\"olderThanHours\": 24}");
        waitUntil("the payload's error is gone", () -> !shown("[data-test=schedules-error-payload]"));
        typeInto("[data-test=schedules-cron]", "61 * * * *");
        waitUntil("the cron's error is shown", () -> shown("[data-test=schedules-error-cron]"));
        assertThat(attr("[data-test=schedules-cron]", "aria-invalid")).isEqualTo("true");
        assertThat(previewTimes()).isEmpty();

        click("[data-test=schedules-create-submit]");
        // A refused create puts focus back on the first field it names.
        waitUntil("the create is refused beside the cron", () -> Boolean.TRUE.equals(js(
                "return document.activeElement.dataset.test === 'schedules-cron'")));
        assertThat(shown("[data-test=schedules-error-cron]")).isTrue();
        shot("03-bad-cron-en-light");
        assertThat(status("/owner/schedules/" + bad)).isEqualTo(404);
        browser.findElement(By.cssSelector("[data-test=schedules-create-dialog] .dialog-actions .btn.secondary")).click();
        waitUntil("the dialog closed", () -> browser.findElements(By.cssSelector("[data-test=schedules-create-dialog]")).isEmpty());
        assertThat(status("/owner/schedules/" + bad)).isEqualTo(404);
    }

    @Test
    @Order(3)
    void pausesAndResumes() {
        click(row + "[data-test=schedule-pause]");
        waitUntil("monitor reports the schedule paused", () -> !schedule().get("enabled").asBoolean());
        waitFor(By.cssSelector(row + "[data-test=schedule-resume]"));
        assertThat(schedule().get("nextRuns")).isEmpty();

        click(row + "[data-test=schedule-resume]");
        waitUntil("monitor reports the schedule enabled", () -> schedule().get("enabled").asBoolean());
        waitFor(By.cssSelector(row + "[data-test=schedule-pause]"));
        assertThat(schedule().get("nextRuns")).hasSize(5);
    }

    @Test
    @Order(4)
    void runNowEnqueuesAJobAndLinksToIt() throws Exception {
        click(row + "[data-test=schedule-run-now]");
        WebElement link = waitFor(By.cssSelector("[data-test=schedules-run-job]"));
        String jobId = link.getText();

        assertThat(link.getAttribute("href")).endsWith("#/queues?queue=system&job=" + jobId);
        JsonNode job = get("/owner/queues/system/jobs/" + jobId);
        assertThat(job.get("name").asText()).isEqualTo("system.health-check");
        assertThat(schedule().get("runs").asLong()).isEqualTo(1);
        waitUntil("the row counts the run", () -> browser.findElement(By.cssSelector(row + "td:nth-child(6)"))
                .getText().startsWith("1"));
    }

    @Test
    @Order(5)
    void deleteOpensOnCancelAndThenRemovesTheSchedule() {
        click(row + "[data-test=schedule-delete]");
        waitFor(By.cssSelector("[data-test=schedules-delete-dialog]"));
        assertThat(js("return document.activeElement.closest('.dialog-actions') !== null "
                + "&& document.activeElement.dataset.test !== 'confirm'")).isEqualTo(true);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil("Enter cancelled", () -> browser.findElements(By.cssSelector("[data-test=schedules-delete-dialog]")).isEmpty());
        assertThat(status("/owner/schedules/" + id)).isEqualTo(200);

        click(row + "[data-test=schedule-delete]");
        click("[data-test=schedules-delete-dialog] [data-test=confirm]");
        waitUntil("the row is gone", () -> browser.findElements(By.cssSelector(row.trim())).isEmpty());
        assertThat(status("/owner/schedules/" + id)).isEqualTo(404);
    }

    @Test
    @Order(6)
    void persianDarkAndPhoneWidth() throws Exception {
        String shown = "console-shown-" + System.nanoTime();
        assertThat(call("POST", "/owner/schedules", """
                {"id":"%s","jobName":"system.health-check","payload":{},"everyMs":3600000}""".formatted(shown))
                .statusCode()).isEqualTo(201);
        click("[data-test=lang-switch]");
        click("[data-test=theme-switch]");
        navigate("#/schedules");
        waitFor(By.cssSelector("[data-schedule='" + shown + "']"));
        assertThat(js("return document.documentElement.dir")).isEqualTo("rtl");
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        shot("04-list-fa-dark");
        openCreateForm("console-fa-" + System.nanoTime(), "system.health-check");
        typeInto("[data-test=schedules-cron]", "*/15 * * * *");
        waitUntil("the preview shows five times", () -> previewTimes().size() == 5);
        shot("05-create-preview-fa-dark");
        browser.findElement(By.cssSelector("[data-test=schedules-create-dialog] .dialog-actions .btn.secondary")).click();

        browser.manage().window().setSize(PHONE);
        waitUntil("rows stack at phone width", () -> "block".equals(js("return getComputedStyle(document.querySelector("
                + "\"[data-schedule='" + shown + "']\")).display")));
        assertThat(js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .isEqualTo(true);
        // The earlier tests' toasts would cover the rows in the picture.
        js("document.querySelectorAll('#toasts .toast').forEach(t => t.remove());"
                + "document.querySelector(\"[data-schedule='" + shown + "']\").scrollIntoView()");
        shot("06-list-fa-dark-390");
        call("DELETE", "/owner/schedules/" + shown, null);
    }
}
