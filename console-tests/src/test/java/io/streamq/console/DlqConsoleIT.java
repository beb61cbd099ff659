package io.streamq.console;

import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DLQ and DLQ analytics pages through the nginx origin: dead jobs on two queues (plugins: a hook answering 410;
 * ai: no AI integration configured, so the job fails at once), the analytics queue filter and text filter, a dead
 * job arriving in the open analytics tab over the WebSocket, the entry dialog's timeline and Replay, the CSV export
 * of the page's filters, and Persian, dark mode and phone width.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DlqConsoleIT extends ConsoleTestBase {

    /** Marks this class's jobs, so the search finds them and nothing another class made. */
    private final String marker = "dlqit" + UUID.randomUUID().toString().substring(0, 8);
    private String markedHookJob;
    private String plainHookJob;
    private final List<String> aiJobs = new ArrayList<>();

    @BeforeAll
    void makeDeadJobs() throws Exception {
        markedHookJob = enqueue("plugin.execute-hook", hookPayload("{\"note\":\"" + marker + "\"}"));
        plainHookJob = enqueue("plugin.execute-hook", hookPayload("{}"));
        aiJobs.add(enqueue("ai.generate-text", aiPayload()));
        for (String id : List.of(markedHookJob, plainHookJob, aiJobs.getFirst())) {
            awaitDead(id);
        }
        signInAsOwner();
        // The base clears localStorage after the page has read it, and signing in only changes the fragment: reload,
        // so this class starts in English and light mode whatever the class before it left.
        browser.navigate().refresh();
        waitFor(By.cssSelector("[data-test=signout]"));
        assertThat(js("return document.documentElement.dir")).isEqualTo("ltr");
    }

    @Test
    @Order(1)
    void trendsOfOneQueueCountThatQueuesDeadJobs() throws Exception {
        navigate("#/analytics?tab=trends");
        waitFor(By.cssSelector("svg[data-test=trend-chart]"));
        int all = chartSum();
        new Select(waitFor(By.cssSelector("[data-test=analytics-queue]"))).selectByValue("ai");
        waitFor(By.cssSelector("[data-test=analytics-panel] section[data-queue=ai] svg[data-test=trend-chart]"));
        assertThat(browser.getCurrentUrl()).contains("queue=ai").contains("tab=trends");
        waitUntil("the ai chart counts what the trends of ai say", () -> chartSum() == trendTotal("ai"));
        // Both hook jobs are in plugins, not in ai.
        assertThat(chartSum()).isGreaterThanOrEqualTo(aiJobs.size()).isLessThanOrEqualTo(all - 2);
        assertThat(attr("svg[data-test=trend-chart]", "aria-label")).contains("ai");
        shot("01-trends-ai");

        // The filter holds on every tab.
        click("[data-test=tab-overview]");
        waitFor(By.cssSelector("[data-test=by-job-type] li[data-value='ai.generate-text']"));
        assertThat(browser.findElements(By.cssSelector("[data-test=by-queue]"))).isEmpty();
        assertThat(statValue("total")).isEqualTo(get("/owner/dlq/analytics?queueName=ai").path("total").asLong());
        click("[data-test=tab-failures]");
        waitFor(By.cssSelector("[data-test=counts-are-jobs]"));
        List<String> codes = texts("[data-test=top-codes] li", "data-value");
        assertThat(codes).contains("integration-not-configured").doesNotContain("http-client-error");
        shot("02-failures-ai");
    }

    @Test
    @Order(2)
    void searchNarrowsTheLists() {
        navigate("#/dlq");
        waitFor(By.cssSelector("[data-test=dlq-table] tr[data-id]"));
        waitFor(By.cssSelector("[data-test=dlq-search]")).sendKeys(marker);
        click("[data-test=dlq-apply]");
        waitUntil("only the marked job is listed", () -> texts("[data-test=dlq-table] tbody tr", "data-id")
                .equals(List.of(markedHookJob)));
        shot("03-dlq-search");

        navigate("#/analytics?tab=failures");
        waitFor(By.cssSelector("[data-test=top-jobs] li"));
        assertThat(texts("[data-test=top-jobs] li", "data-value")).contains("plugin.execute-hook", "ai.generate-text");
        waitFor(By.cssSelector("[data-test=analytics-search]")).sendKeys("execute-hook");
        waitUntil("the job types narrow to the hook", () -> texts("[data-test=top-jobs] li", "data-value")
                .equals(List.of("plugin.execute-hook")));
    }

    @Test
    @Order(3)
    void aNewDeadJobAppearsInTheOpenTabWithoutReload() throws Exception {
        navigate("#/analytics?tab=overview&queue=ai");
        waitFor(By.cssSelector("[data-test=by-job-type] li"));
        waitUntil("the live feed connects", () -> "open".equals(attr("[data-test=connection]", "data-state")));
        long before = statValue("total");
        js("window.__noReload = 'still-here';");
        aiJobs.add(enqueue("ai.generate-text", aiPayload()));
        waitUntil("the total of ai grows by one", () -> statValue("total") == before + 1);
        assertThat(js("return window.__noReload")).isEqualTo("still-here");
        assertThat(waitFor(By.cssSelector("[data-test=analytics-updated]")).getText()).isNotBlank();
        shot("04-live-refresh");
    }

    @Test
    @Order(4)
    void theEntryDialogShowsATimelineAndReplaysFromInside() throws Exception {
        navigate("#/dlq?search=" + marker);
        String row = "[data-test=dlq-table] tr[data-id='" + markedHookJob + "']";
        waitFor(By.cssSelector(row));
        click(row + " [data-test=view]");
        WebElement failed = waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-timeline] li[data-event=failed]"));
        String when = failed.findElement(By.cssSelector("time")).getText();
        // A date, not epoch milliseconds or JSON.
        assertThat(when).doesNotContainPattern("\\d{12,}").matches(".*\\d{1,2}:\\d{2}.*");
        assertThat(browser.findElements(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-error] .badge")))
                .extracting(WebElement::getText).contains("http-client-error");
        assertThat(waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-error] pre")).getText())
                .contains("HTTP 410");
        scrollIntoView("dialog[data-test=dlq-dialog] [data-test=dlq-timeline]");
        shot("05-entry-dialog");

        click("dialog[data-test=dlq-dialog] [data-test=dialog-replay]");
        waitFor(By.cssSelector("dialog[data-test=replay-dialog]"));
        click("dialog[data-test=replay-dialog] [data-test=confirm]");
        waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-timeline] li[data-event=replayed]"));
        assertThat(get("/owner/dlq/" + markedHookJob).path("replayCount").asInt()).isGreaterThanOrEqualTo(1);
        scrollIntoView("dialog[data-test=dlq-dialog] [data-test=dlq-timeline] li[data-event=replayed]");
        shot("06-entry-replayed");
        click("dialog[data-test=dlq-dialog] [data-test=dialog-done]");
        waitUntil("the dialog closes", () -> browser.findElements(By.cssSelector("dialog[data-test=dlq-dialog]")).isEmpty());

        // Delete from inside the dialog of another entry, through its confirm dialog.
        navigate("#/dlq");
        String other = "[data-test=dlq-table] tr[data-id='" + plainHookJob + "']";
        waitFor(By.cssSelector(other));
        click(other + " [data-test=view]");
        waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-timeline]"));
        click("dialog[data-test=dlq-dialog] [data-test=dialog-delete]");
        waitFor(By.cssSelector("dialog[data-test=delete-dialog]"));
        // A destructive dialog opens on Cancel: Enter alone never deletes.
        waitUntil("focus on Cancel", () -> "cancel".equals(js("return document.activeElement.dataset.test")));
        shot("07-delete-from-dialog");
        click("dialog[data-test=delete-dialog] [data-test=confirm]");
        waitUntil("both dialogs close", () -> browser.findElements(By.cssSelector("dialog")).isEmpty());
        waitUntil("the entry is gone", () -> status("/owner/dlq/" + plainHookJob) == 404);
        waitUntil("the list drops it", () -> browser.findElements(By.cssSelector(other)).isEmpty());
    }

    @Test
    @Order(5)
    void csvExportHoldsOnlyTheFilteredQueueWithItsErrorCode() throws Exception {
        navigate("#/dlq");
        new Select(waitFor(By.cssSelector("[data-test=dlq-queue]"))).selectByValue("ai");
        click("[data-test=dlq-apply]");
        waitUntil("only ai rows", () -> {
            List<String> ids = texts("[data-test=dlq-table] tbody tr", "data-id");
            return !ids.isEmpty() && ids.stream().allMatch(id -> id.startsWith("ai-"));
        });
        // The export the button fetches (a Blob download) is the one checked here, through the origin.
        js("window.__exports = []; const f = window.fetch; window.fetch = (u, o) => { "
                + "if (String(u).includes('/export')) window.__exports.push(String(u)); return f(u, o); };");
        click("[data-test=export-csv]");
        waitUntil("the export was fetched", () -> ((Number) js("return window.__exports.length")).intValue() > 0);
        URI url = URI.create(stack.origin()).resolve((String) js("return window.__exports[0]"));
        assertThat(url.getRawQuery()).contains("originalQueue=ai");

        HttpResponse<String> r = call("GET", url.getRawPath() + "?" + url.getRawQuery(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        List<List<String>> rows = Csv.parse(r.body());
        List<String> header = rows.getFirst();
        int queue = header.indexOf("Original Queue");
        int code = header.indexOf("Error Code");
        assertThat(code).isNotNegative();
        assertThat(rows.stream().skip(1).map(x -> x.get(queue))).isNotEmpty().containsOnly("ai");
        assertThat(rows.stream().skip(1).map(List::getFirst)).containsAll(aiJobs).doesNotContain(markedHookJob, plainHookJob);
        assertThat(rows.stream().skip(1).filter(x -> aiJobs.contains(x.getFirst())).map(x -> x.get(code)))
                .containsOnly("integration-not-configured");
    }

    @Test
    @Order(6)
    void clearAsksForTheQueuesNameBeforeItDeletes() throws Exception {
        long before = get("/owner/dlq/analytics?queueName=ai").path("total").asLong();
        navigate("#/dlq");
        click("[data-test=dlq-clear]");
        new Select(waitFor(By.cssSelector("dialog[data-test=clear-filters] select"))).selectByValue("ai");
        click("dialog[data-test=clear-filters] [data-test=confirm]");
        waitFor(By.cssSelector("dialog[data-test=clear-dialog] [data-test=confirm-summary]"));
        waitUntil("focus on Cancel", () -> "cancel".equals(js("return document.activeElement.dataset.test")));
        WebElement confirm = browser.findElement(By.cssSelector("dialog[data-test=clear-dialog] [data-test=confirm]"));
        assertThat(confirm.isEnabled()).as("before the name is typed").isFalse();
        WebElement typed = waitFor(By.cssSelector("dialog[data-test=clear-dialog] [data-test=type-to-confirm]"));
        typed.sendKeys("plugins");
        assertThat(confirm.isEnabled()).as("another queue's name").isFalse();
        typed.clear();
        typed.sendKeys("ai");
        waitUntil("the confirm enables", confirm::isEnabled);
        shot("08-clear-type-queue");
        click("dialog[data-test=clear-dialog] [data-test=cancel]");
        waitUntil("the dialog closes", () -> browser.findElements(By.cssSelector("dialog")).isEmpty());
        assertThat(get("/owner/dlq/analytics?queueName=ai").path("total").asLong()).as("nothing cleared").isEqualTo(before);
    }

    @Test
    @Order(7)
    void persianDarkAndPhoneWidth() {
        navigate("#/dlq?search=" + marker);
        waitFor(By.cssSelector("[data-test=dlq-table] tr[data-id]"));
        click("[data-test=lang-switch]");
        waitUntil("dir is rtl", () -> "rtl".equals(js("return document.documentElement.dir")));
        click("[data-test=theme-switch]");
        waitUntil("dark theme", () -> "dark".equals(js("return document.documentElement.dataset.theme")));
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            navigate("#/dlq?search=" + marker);
            String row = "[data-test=dlq-table] tr[data-id='" + markedHookJob + "']";
            waitFor(By.cssSelector(row));
            // Stacked rows: each cell a "label: value" grid under its column's name; nothing scrolls sideways.
            assertThat(js("return getComputedStyle(document.querySelector(arguments[0] + ' td[data-label]')).display", row))
                    .isEqualTo("grid");
            waitUntil("no sideways overflow", () -> ((Number) js(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 1);
            scrollIntoView(row);
            shot("09-dlq-fa-dark-phone");
            // Earlier toasts may still cover the row on a phone.
            js("document.querySelectorAll('#toasts .toast').forEach((t) => t.remove())");
            click(row + " [data-test=view]");
            waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-timeline] li[data-event=replayed]"));
            scrollIntoView("dialog[data-test=dlq-dialog] [data-test=dlq-timeline]");
            shot("10-entry-fa-dark-phone");
            click("dialog[data-test=dlq-dialog] [data-test=dialog-done]");
            navigate("#/analytics?tab=trends&queue=plugins");
            waitFor(By.cssSelector("[data-test=analytics-panel] section[data-queue=plugins] svg[data-test=trend-chart]"));
            shot("11-trends-fa-dark-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
            click("[data-test=theme-switch]");
            click("[data-test=lang-switch]");
            waitUntil("dir is ltr again", () -> "ltr".equals(js("return document.documentElement.dir")));
        }
    }

    @Test
    @Order(8)
    void aReadOnlyTokenCannotReplayDeleteOrClear() {
        signIn(TestTokens.policies("dlq-reader", "READ"));
        navigate("#/dlq?search=" + marker);
        String row = "[data-test=dlq-table] tr[data-id='" + markedHookJob + "']";
        waitFor(By.cssSelector(row));
        assertThat(browser.findElement(By.cssSelector(row + " [data-test=replay]")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector(row + " [data-test=delete]")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("[data-test=dlq-clear]")).isEnabled()).isFalse();
        // Reading stays possible: the detail and the export.
        assertThat(browser.findElement(By.cssSelector("[data-test=export-csv]")).isEnabled()).isTrue();
        click(row + " [data-test=view]");
        waitFor(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dlq-timeline]"));
        assertThat(browser.findElement(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dialog-replay]")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("dialog[data-test=dlq-dialog] [data-test=dialog-delete]")).isEnabled()).isFalse();
        shot("12-read-only");
        click("dialog[data-test=dlq-dialog] [data-test=dialog-done]");
    }

    // ---------------------------------------------------------------- helpers

    private String hookPayload(String body) {
        return "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\"" + stack.hookUrl(410)
                + "\",\"body\":" + body + "}";
    }

    /** No AI integration is configured in the stack: the worker fails the job at once, not retryable. */
    private String aiPayload() {
        return "{\"prompt\":\"summarise the DLQ\",\"model\":\"test-model\",\"maxTokens\":16}";
    }

    private void awaitDead(String id) {
        waitUntil(id + " is in the DLQ", () -> status("/owner/dlq/" + id) == 200);
    }

    /** The status of a GET through the origin, for waits (whose conditions cannot throw). */
    private int status(String path) {
        try {
            return call("GET", path, null).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    private void scrollIntoView(String css) {
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
    }

    private int chartSum() {
        return ((Number) js("return [...document.querySelectorAll('svg[data-test=trend-chart] rect.bar')]"
                + ".reduce((s, b) => s + (Number(b.dataset.count) || 0), 0)")).intValue();
    }

    private int trendTotal(String queue) {
        try {
            return get("/owner/dlq/trends?hours=24&queueName=" + queue).path("totalInPeriod").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stat card's number, read in Latin digits whatever the language shows. */
    private long statValue(String testId) {
        List<WebElement> cards = browser.findElements(By.cssSelector("[data-test=" + testId + "] .stat-value"));
        if (cards.isEmpty()) {
            return -1;
        }
        String digits = cards.getFirst().getText().replaceAll("[^0-9۰-۹]", "");
        StringBuilder latin = new StringBuilder();
        digits.chars().forEach(c -> latin.append(c >= '۰' && c <= '۹' ? (char) ('0' + c - '۰') : (char) c));
        return latin.isEmpty() ? -1 : Long.parseLong(latin.toString());
    }

    private List<String> texts(String css, String attribute) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** An RFC 4180 reader for the export: quoted cells, doubled quotes, CRLF row ends. */
    private static final class Csv {
        static List<List<String>> parse(String csv) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < csv.length(); i++) {
                char c = csv.charAt(i);
                if (quoted && c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"' && (quoted || cell.isEmpty())) {
                    quoted = !quoted;
                } else if (!quoted && c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (!quoted && c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    cell.append(c);
                }
            }
            return rows;
        }
    }
}
