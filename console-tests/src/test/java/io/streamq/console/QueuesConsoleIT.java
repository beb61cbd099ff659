package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue management page through the one origin of the proxy: the job dialog of a completed, a failed and a
 * delayed job, Retry and Cancel from inside it, the dialog opened from its address, the workers and failure-reason
 * tabs, the ARIA tab keys, purge asking for the queue's name, stacked rows at phone width, "select all N
 * matching" acting on more jobs than a page holds, and a READ token's disabled actions.
 * Tests in order; each makes its own jobs (plugin jobs fail at once on a 410 hook).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueuesConsoleIT extends ConsoleTestBase {

    /** Reads of one element retried when the live view replaced it in between. */
    private static final int STALE_READS = 5;

    private static final String DIALOG = "dialog[data-test=job-dialog]";
    private static final long HOUR = 3_600_000;

    private String completedId;
    private String failedId;

    @Test
    @Order(1)
    void jobDetailOfACompletedJob() throws Exception {
        signInAsOwner();
        completedId = enqueue("system.health-check", "{}");
        awaitState("system", completedId, "completed");

        navigate("#/queues?queue=system");
        waitFor(By.cssSelector("[data-test=queue-tab-system][aria-selected=true]"));
        click("[data-test=state-completed]");
        click(row(completedId) + " [data-test=view]");
        waitUntil("the dialog shows the completed job", () -> text(DIALOG + " [data-test=job-state]").equals("Completed"));
        List<WebElement> attempts = browser.findElements(By.cssSelector(DIALOG + " [data-test=job-attempts] tbody tr"));
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getFirst().getText()).contains("completed");
        waitFor(By.cssSelector(DIALOG + " [data-test=job-result] pre"));
        // A completed job can be removed, not retried or cancelled.
        assertThat(enabled(DIALOG + " [data-test=job-retry]")).isFalse();
        assertThat(enabled(DIALOG + " [data-test=job-cancel]")).isFalse();
        assertThat(enabled(DIALOG + " [data-test=job-remove]")).isTrue();
        shot("01-completed-job");
        closeDialog();

        // What a job did: refresh-stats reports progress per queue and logs a line per queue; the dialog shows both.
        String refreshId = enqueue("system.refresh-stats", "{}");
        awaitState("system", refreshId, "completed");
        JsonNode logs = get("/owner/queues/system/jobs/" + refreshId + "/logs").path("lines");
        assertThat(logs.size()).isPositive();
        navigate("#/queues?queue=system&job=" + refreshId);
        waitFor(By.cssSelector(DIALOG + " [data-test=job-progress] progress"));
        assertThat(attr(DIALOG + " [data-test=job-progress] progress", "value")).isEqualTo("100");
        waitUntil("every log line of the job is listed", () -> browser.findElements(
                By.cssSelector(DIALOG + " [data-test=job-logs] tbody tr")).size() == logs.size());
        assertThat(text(DIALOG + " [data-test=job-logs]")).contains(logs.get(0).path("line").asText());
        shot("01b-job-progress-and-logs");
        closeDialog();
    }

    @Test
    @Order(2)
    void failedJobShowsItsStackAndAttemptsAndRetriesFromTheDialog() throws Exception {
        failedId = enqueue("plugin.execute-hook", hookPayload("detail"));
        awaitState("plugins", failedId, "failed");
        JsonNode job = get("/owner/queues/plugins/jobs/" + failedId);

        navigate("#/queues?queue=plugins");
        waitFor(By.cssSelector("[data-test=queue-tab-plugins][aria-selected=true]"));
        click("[data-test=state-failed]");
        click(row(failedId) + " [data-test=view]");
        waitFor(By.cssSelector(DIALOG + " [data-test=job-error]"));
        assertThat(text(DIALOG + " [data-test=job-state]")).isEqualTo("Failed");
        assertThat(text(DIALOG + " [data-test=job-error]")).contains(job.path("lastError").path("code").asText());
        assertThat(text(DIALOG + " [data-test=job-last-failed]")).isNotEqualTo("–");
        String stack = job.path("lastError").path("stack").asText();
        assertThat(stack).as("the worker records a stack for a failed hook").isNotBlank();
        assertThat(text(DIALOG + " [data-test=job-stack] pre")).contains(stack.lines().findFirst().orElseThrow().trim());
        assertThat(browser.findElements(By.cssSelector(DIALOG + " [data-test=job-attempts] tbody tr")))
                .hasSize(job.path("attempts").asInt());
        js("document.querySelector(arguments[0]).scrollIntoView()", DIALOG + " [data-test=job-error]");
        shot("02-failed-job");

        // Paused, the retried job stays waiting instead of failing again at once.
        pause("plugins", true);
        try {
            click(DIALOG + " [data-test=job-retry]");
            waitUntil("the dialog shows the job waiting", () -> text(DIALOG + " [data-test=job-state]").equals("Waiting"));
            assertThat(get("/owner/queues/plugins/jobs/" + failedId).path("state").asText()).isEqualTo("waiting");
            assertThat(enabled(DIALOG + " [data-test=job-retry]")).isFalse();
            assertThat(enabled(DIALOG + " [data-test=job-cancel]")).isTrue();
            shot("03-retried-in-dialog");
            closeDialog();
        } finally {
            pause("plugins", false);
        }
        awaitState("plugins", failedId, "failed");
    }

    @Test
    @Order(3)
    void delayedJobShowsItsDueTimeAndCancelsFromTheDialog() throws Exception {
        HttpResponse<String> r = call("POST", "/v1/jobs", "{\"name\":\"system.health-check\",\"payload\":{},\"delayMs\":" + HOUR + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String delayedId = JSON.readTree(r.body()).path("id").asText();

        navigate("#/queues?queue=system");
        click("[data-test=state-delayed]");
        waitFor(By.cssSelector(row(delayedId)));
        // The open tab counts the list it shows, whatever the stats snapshot said a moment ago.
        long listed = get("/owner/queues/system/jobs?state=delayed").path("total").asLong();
        waitUntil("the delayed tab counts the delayed jobs", () ->
                Long.parseLong(attr("[data-test=state-delayed]", "data-count")) == listed);
        // The live table may re-render between finding the cell and reading it: wait for a reading, not one try.
        waitUntil("the delayed row shows its due time", () -> {
            String time = text(row(delayedId) + " [data-test=job-time]");
            return !time.isEmpty() && !time.equals("–");
        });
        click(row(delayedId) + " [data-test=view]");
        waitUntil("the dialog shows the due time", () -> !text(DIALOG + " [data-test=job-due]").isEmpty());
        assertThat(text(DIALOG + " [data-test=job-due]")).isNotEqualTo("–");
        assertThat(text(DIALOG + " [data-test=job-state]")).isEqualTo("Delayed");
        assertThat(enabled(DIALOG + " [data-test=job-cancel]")).isTrue();
        shot("04-delayed-job");

        // Cancel from the dialog asks first, then the dialog shows the job cancelled.
        click(DIALOG + " [data-test=job-cancel]");
        click("dialog[data-test=cancel-dialog] [data-test=confirm]");
        waitUntil("the dialog shows the job cancelled", () -> text(DIALOG + " [data-test=job-state]").equals("Cancelled"));
        assertThat(get("/owner/queues/system/jobs/" + delayedId).path("state").asText()).isEqualTo("cancelled");
        assertThat(enabled(DIALOG + " [data-test=job-cancel]")).isFalse();
        closeDialog();
    }

    @Test
    @Order(4)
    void theDialogOpensFromItsAddress() {
        navigate("#/live");
        waitFor(By.cssSelector("[data-test=nav-live][aria-current=page]"));
        boolean wasDark = "dark".equals(js("return document.documentElement.dataset.theme"));
        if (!wasDark) {
            click("[data-test=theme-switch]");
        }
        waitUntil("dark theme", () -> "dark".equals(js("return document.documentElement.dataset.theme")));
        navigate("#/queues?queue=plugins&job=" + failedId);
        waitUntil("the dialog of the linked job opens", () -> text(DIALOG + " [data-test=job-state]").equals("Failed"));
        assertThat(text(DIALOG + " h2")).contains(failedId);
        shot("05-dialog-from-address-dark");
        closeDialog();
        if (!wasDark) {
            click("[data-test=theme-switch]");
            waitUntil("light theme again", () -> "light".equals(js("return document.documentElement.dataset.theme")));
        }
        waitUntil("closing the dialog drops the job from the address",
                () -> !String.valueOf(js("return location.hash")).contains("job="));
    }

    @Test
    @Order(5)
    void workersAndFailureReasonTabs() throws Exception {
        int configured = configuredConcurrency("plugins");
        navigate("#/queues?queue=plugins");
        click("[data-test=view-workers]");
        String alive = "[data-test=workers-table] tbody tr[data-status=alive]";
        waitFor(By.cssSelector(alive));
        JsonNode workers = get("/owner/queues/plugins/workers").path("workers");
        String workerId = workers.get(0).path("workerId").asText();
        String workerRow = "[data-test=workers-table] tbody tr[data-worker='" + workerId + "']";
        assertThat(text(workerRow + " [data-test=worker-concurrency]")).isEqualTo(Integer.toString(configured));
        assertThat(text(workerRow)).contains("ago");
        // Which worker is slow: each row gives the worker's mean time per job on this queue, monitor's number.
        waitUntil("the worker's mean time per job is monitor's", () -> {
            try {
                for (JsonNode w : get("/owner/queues/plugins/workers").path("workers")) {
                    if (w.path("workerId").asText().equals(workerId)) {
                        String expected = w.path("processed").asLong() == 0 ? "–"
                                : Math.round(w.path("avgProcessingMs").asDouble()) + " ms";
                        return expected.equals(text(workerRow + " [data-test=worker-avg-ms]"));
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        shot("06-workers");

        click("[data-test=view-failures]");
        String code = get("/owner/queues/plugins/jobs/" + failedId).path("lastError").path("code").asText();
        String reasonRow = "[data-test=reasons-table] tbody tr[data-code='" + code + "']";
        waitFor(By.cssSelector(reasonRow));
        // The numbers of monitor's answer, jobs and failed attempts apart (the page re-reads on each failure).
        waitUntil("the reason's jobs and attempts are monitor's", () -> {
            JsonNode reason = reason("plugins", code);
            return text(reasonRow + " [data-test=reason-jobs]").equals(reason.path("jobs").asText())
                    && text(reasonRow + " [data-test=reason-attempts]").equals(reason.path("attempts").asText());
        });
        assertThat(text("[data-test=reasons-table] thead")).contains("Jobs").contains("Failed attempts");
        shot("07-failure-reasons");
        click("[data-test=view-jobs]");
        waitFor(By.cssSelector("[data-test=state-tabs]"));
    }

    @Test
    @Order(6)
    void arrowKeysMoveTheTabSelection() {
        navigate("#/queues?queue=system");
        waitFor(By.cssSelector("[data-test=queue-tab-system][aria-selected=true]"));
        click("[data-test=state-waiting]");
        focus("[data-test=state-waiting]");
        press(Keys.ARROW_RIGHT);
        assertSelected("state-active");
        press(Keys.END);
        assertSelected("state-cancelled");
        press(Keys.ARROW_RIGHT);
        assertSelected("state-waiting");
        press(Keys.ARROW_LEFT);
        assertSelected("state-cancelled");
        press(Keys.HOME);
        assertSelected("state-waiting");
        assertThat(attr("[data-test=state-active]", "tabindex")).isEqualTo("-1");

        // Queue tabs: the next queue, then back.
        List<String> queues = new ArrayList<>();
        browser.findElements(By.cssSelector("[data-test=queue-tabs] [role=tab]")).forEach(t -> queues.add(t.getAttribute("data-queue")));
        int at = queues.indexOf("system");
        String next = queues.get((at + 1) % queues.size());
        focus("[data-test=queue-tab-system]");
        press(Keys.ARROW_RIGHT);
        assertSelected("queue-tab-" + next);
        press(Keys.ARROW_LEFT);
        assertSelected("queue-tab-system");

        // Right to left, the arrows mirror: the left arrow goes to the next tab.
        click("[data-test=lang-switch]");
        waitUntil("dir is rtl", () -> "rtl".equals(js("return document.documentElement.dir")));
        click("[data-test=state-waiting]");
        focus("[data-test=state-waiting]");
        press(Keys.ARROW_LEFT);
        assertSelected("state-active");
        shot("08-tabs-rtl");
        click("[data-test=lang-switch]");
        waitUntil("dir is ltr again", () -> "ltr".equals(js("return document.documentElement.dir")));
    }

    @Test
    @Order(7)
    void purgeAsksForTheQueueName() throws Exception {
        navigate("#/queues?queue=system");
        waitFor(By.cssSelector("[data-test=queue-tab-system][aria-selected=true]"));
        click("[data-test=purge]");
        String dialog = "dialog[data-test=purge-dialog]";
        WebElement typed = waitFor(By.cssSelector(dialog + " [data-test=type-to-confirm]"));
        // The summary's states add up to its total; the active jobs left to finish are listed apart.
        waitFor(By.cssSelector(dialog + " [data-test=confirm-summary] dd"));
        List<Long> shown = new ArrayList<>();
        browser.findElements(By.cssSelector(dialog + " [data-test=confirm-summary] dd")).stream().skip(1)
                .forEach(dd -> shown.add(Long.parseLong(dd.getText().replace(",", "").trim())));
        // waiting, delayed, completed, failed, cancelled, then the total, then active.
        assertThat(shown.subList(0, 5).stream().mapToLong(Long::longValue).sum()).isEqualTo(shown.get(5)).isPositive();
        assertThat(enabled(dialog + " [data-test=confirm]")).isFalse();
        typed.sendKeys("syste");
        assertThat(enabled(dialog + " [data-test=confirm]")).isFalse();
        typed.sendKeys("m");
        waitUntil("the queue's name enables Purge", () -> enabled(dialog + " [data-test=confirm]"));
        shot("09-purge-typed");
        click(dialog + " [data-test=cancel]");
        waitUntil("the purge dialog closes", () -> browser.findElements(By.cssSelector(dialog)).isEmpty());
        assertThat(get("/owner/queues/system/jobs?state=completed").path("total").asLong()).isPositive();
    }

    @Test
    @Order(8)
    void phoneWidthStacksTheRows() {
        browser.manage().window().setSize(PHONE);
        try {
            navigate("#/queues?queue=plugins");
            click("[data-test=state-failed]");
            String firstRow = "[data-test=jobs-table] tbody tr:first-child";
            waitFor(By.cssSelector(firstRow));
            assertThat(js("return getComputedStyle(document.querySelector(arguments[0] + ' td.job-type')).display", firstRow))
                    .isEqualTo("grid");
            waitUntil("no sideways overflow", () -> ((Number) js(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 1);
            WebElement retry = browser.findElement(By.cssSelector(firstRow + " [data-test=retry]"));
            assertThat(retry.isDisplayed()).isTrue();
            assertThat((Boolean) js("const r = arguments[0].getBoundingClientRect();"
                    + " return r.left >= 0 && r.right <= window.innerWidth;", retry)).isTrue();
            // The job type is one word: on one line, not broken in the middle.
            assertThat((Boolean) js("const s = document.querySelector(arguments[0] + ' td.job-type');"
                    + " const range = document.createRange(); range.selectNodeContents(s.lastChild);"
                    + " return range.getClientRects().length === 1;", firstRow)).isTrue();
            shot("10-phone-stacked");

            // The job dialog fits the phone too: only its code blocks and tables scroll sideways, inside themselves.
            click(firstRow + " [data-test=view]");
            waitFor(By.cssSelector(DIALOG + " [data-test=job-error]"));
            assertThat(((Number) js("const b = document.querySelector(arguments[0]); return b.scrollWidth - b.clientWidth;",
                    DIALOG + " .dialog-body")).intValue()).isLessThanOrEqualTo(1);
            shot("11-phone-dialog");
            closeDialog();
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    @Order(9)
    void selectAllMatchingRetriesMoreJobsThanOnePageHolds() throws Exception {
        String marker = "bulk-" + System.nanoTime();
        int count = 25;
        for (int i = 0; i < count; i++) {
            enqueue("plugin.execute-hook", hookPayload(marker));
        }
        String query = "/owner/queues/plugins/jobs?state=%s&search=" + URLEncoder.encode(marker, StandardCharsets.UTF_8);
        waitUntil("every marked job failed", () -> total(query.formatted("failed")) == count);

        pause("plugins", true);
        try {
            navigate("#/queues?queue=plugins");
            click("[data-test=state-failed]");
            WebElement search = waitFor(By.cssSelector("[data-test=job-search]"));
            search.clear();
            search.sendKeys(marker, Keys.ENTER);
            waitUntil("one page of the marked jobs", () ->
                    browser.findElements(By.cssSelector("[data-test=jobs-table] tbody tr")).size() == 20);
            click("[data-test=jobs-table] thead input[type=checkbox]");
            // The table is drawn anew with every row selected; the keyboard focus stays on the box.
            waitFor(By.cssSelector("[data-test=select-all-matching]"));
            assertThat(js("return document.activeElement.matches('[data-test=jobs-table] thead input[type=checkbox]')"))
                    .isEqualTo(true);
            click("[data-test=select-all-matching]");
            waitFor(By.cssSelector("[data-test=all-matching]"));
            shot("12-all-matching-selected");
            click("[data-test=retry-matching]");
            waitUntil("the proposal counts every match", () ->
                    text("dialog[data-test=matching-dialog] [data-test=confirm-summary]").contains(Integer.toString(count)));
            shot("13-matching-confirm");
            click("dialog[data-test=matching-dialog] [data-test=confirm]");
            waitUntil("every marked job is waiting again", () -> total(query.formatted("waiting")) == count);
            assertThat(total(query.formatted("failed"))).isZero();
            waitUntil("the list empties", () -> !browser.findElements(By.cssSelector("[data-test=job-list] p.muted")).isEmpty());
        } finally {
            pause("plugins", false);
        }
    }

    @Test
    @Order(10)
    void aReadOnlyTokenSeesTheActionsItMayNotTakeDisabled() {
        signIn(TestTokens.policies("queues-reader", "READ"));
        try {
            navigate("#/queues?queue=plugins");
            click("[data-test=state-failed]");
            WebElement search = waitFor(By.cssSelector("[data-test=job-search]"));
            search.sendKeys(failedId, Keys.ENTER);
            waitFor(By.cssSelector(row(failedId)));
            assertThat(enabled(row(failedId) + " [data-test=retry]")).isFalse();
            assertThat(enabled(row(failedId) + " [data-test=remove]")).isFalse();
            assertThat(enabled("[data-test=purge]")).isFalse();
            assertThat(enabled("[data-test=pause]")).isFalse();
            click(row(failedId) + " [data-test=view]");
            waitUntil("the dialog shows the failed job", () -> text(DIALOG + " [data-test=job-state]").equals("Failed"));
            assertThat(enabled(DIALOG + " [data-test=job-retry]")).isFalse();
            assertThat(enabled(DIALOG + " [data-test=job-remove]")).isFalse();
            assertThat(text(DIALOG + " [data-test=job-actions-why]")).contains("MANAGE").contains("DELETE");
            shot("14-read-only");
            closeDialog();
        } finally {
            signInAsOwner();
        }
    }

    // ---------------------------------------------------------------- helpers

    private String hookPayload(String marker) {
        return "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\"" + stack.hookUrl(410)
                + "\",\"body\":{\"marker\":\"" + marker + "\"}}";
    }

    private static String row(String jobId) {
        return "[data-test=jobs-table] tbody tr[data-id='" + jobId + "']";
    }

    private void awaitState(String queue, String jobId, String state) {
        waitUntil(jobId + " is " + state, () -> {
            try {
                return state.equals(get("/owner/queues/" + queue + "/jobs/" + jobId).path("state").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private JsonNode reason(String queue, String code) {
        try {
            for (JsonNode r : get("/owner/queues/" + queue + "/failure-reasons").path("reasons")) {
                if (code.equals(r.path("code").asText())) {
                    return r;
                }
            }
            throw new AssertionError("no failure reason " + code + " in " + queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long total(String path) {
        try {
            return get(path).path("total").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause(String queue, boolean paused) throws Exception {
        HttpResponse<String> r = call("POST", "/owner/queues/" + queue + (paused ? "/pause" : "/resume"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The queue's concurrency as the packaged services configure it (queue-core's defaults). */
    private static int configuredConcurrency(String queue) throws IOException {
        Path file = Path.of(System.getProperty("streamq.repo.root", ".."))
                .resolve("queue-core/src/main/resources/META-INF/microprofile-config.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("streamq.queue." + queue + ".concurrency"));
    }

    private String text(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                return found.isEmpty() ? "" : found.getFirst().getText().trim();
            } catch (StaleElementReferenceException rerendered) {
                // The live view re-rendered between finding the element and reading it: read the new one.
                if (attempt == STALE_READS) {
                    throw rerendered;
                }
            }
        }
    }

    private boolean enabled(String css) {
        return waitFor(By.cssSelector(css)).isEnabled();
    }

    private void focus(String css) {
        js("document.querySelector(arguments[0]).focus()", css);
    }

    private void press(Keys key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private void assertSelected(String testId) {
        String css = "[data-test=" + testId + "]";
        waitUntil(testId + " is selected and focused", () -> "true".equals(attr(css, "aria-selected"))
                && Boolean.TRUE.equals(js("return document.activeElement === document.querySelector(arguments[0])", css)));
        assertThat(attr(css, "tabindex")).isEqualTo("0");
    }

    private void closeDialog() {
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        waitUntil("the dialog closes", () -> browser.findElements(By.cssSelector(DIALOG)).isEmpty());
    }
}
