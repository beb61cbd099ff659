package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's first tour, through the one origin of the proxy: sign in, live feed, pause and resume, the DLQ
 * replay flow, analytics, Persian and dark mode, and the queue selectors. Tests in order, each building on the state
 * the previous left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerConsoleIT extends ConsoleTestBase {

    private String deadJobId;

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void signsInWithAPastedToken() {
        browser.get(stack.origin() + "/owner/");
        WebElement input = waitFor(By.cssSelector("[data-test=token-input]"));
        shot("00-sign-in");
        input.sendKeys(stack.ownerToken());
        browser.findElement(By.cssSelector("[data-test=signin]")).click();
        waitFor(By.cssSelector("[data-test=nav-live][aria-current=page]"));
        waitUntil("the live feed connects", () -> "open".equals(attr("[data-test=connection]", "data-state")));
        waitFor(By.cssSelector("[data-test=queues-table] tr[data-queue=system]"));
        assertThat(js("return sessionStorage.getItem('streamq.console.token')")).isEqualTo(stack.ownerToken());
    }

    @Test
    @Order(2)
    void livePageShowsJobsOfTheTestWithoutReload() throws Exception {
        Object marker = js("window.__noReload = 'still-here'; return window.__noReload;");
        assertThat(marker).isEqualTo("still-here");
        enqueue("system.health-check", "{}");
        // A job_summary frame over the WebSocket names the queue; nothing polls the feed for job counts.
        waitFor(By.cssSelector("[data-test=event-feed] li[data-queue=system][data-source=live]"));

        String hook = stack.hookUrl(410);
        deadJobId = enqueue("plugin.execute-hook", "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\""
                + hook + "\",\"body\":{\"contactId\":\"c-1\"}}");
        // The worker gets 410 (not retryable): the failed job event carries the job id.
        waitFor(By.cssSelector("[data-test=event-feed] li[data-job='" + deadJobId + "'][data-sev=error]"));
        assertThat(js("return window.__noReload")).isEqualTo("still-here");
        shot("01-live");
    }

    @Test
    @Order(3)
    void pausesAndResumesAQueue() throws Exception {
        navigate("#/queues?queue=email");
        waitFor(By.cssSelector("[data-test=queue-tab-email][aria-selected=true]"));
        click("[data-test=pause]");
        waitUntil("monitor reports email paused", () -> paused("email"));
        waitFor(By.cssSelector("[data-test=resume]"));
        shot("02-queue-paused");
        click("[data-test=resume]");
        waitUntil("monitor reports email resumed", () -> !paused("email"));
        waitFor(By.cssSelector("[data-test=pause]"));

        // The job list and the detail dialog of the system job of the previous test.
        navigate("#/queues?queue=system");
        waitFor(By.cssSelector("[data-test=queue-tab-system][aria-selected=true]"));
        click("[data-test=state-completed]");
        click("[data-test=jobs-table] tbody tr [data-test=view]");
        waitFor(By.cssSelector("dialog[data-test=job-dialog] pre code"));
        shot("03-queue-job-dialog");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        waitUntil("the dialog closes on Esc", () -> browser.findElements(By.cssSelector("dialog[data-test=job-dialog]")).isEmpty());
        shot("04-queues");
    }

    @Test
    @Order(4)
    void replaysADlqEntryThroughItsConfirmDialog() throws Exception {
        assertThat(deadJobId).isNotNull();
        navigate("#/dlq");
        String row = "[data-test=dlq-table] tr[data-id='" + deadJobId + "']";
        waitUntil("the dead job is listed", () -> {
            if (browser.findElements(By.cssSelector(row)).isEmpty()) {
                click("[data-test=refresh]");
                return false;
            }
            return true;
        });
        assertThat(attr(row, "data-replayed")).isEqualTo("false");
        shot("05-dlq");
        click(row + " [data-test=replay]");
        waitFor(By.cssSelector("dialog[data-test=replay-dialog]"));
        shot("06-dlq-replay-dialog");
        click("dialog[data-test=replay-dialog] [data-test=confirm]");
        // The job goes back to its queue, fails again (410) and comes back as the same entry, marked replayed.
        waitUntil("the entry shows replayed", () -> {
            List<WebElement> rows = browser.findElements(By.cssSelector(row));
            return rows.isEmpty() || "true".equals(rows.getFirst().getAttribute("data-replayed"));
        });
        JsonNode entry = get("/owner/dlq/" + deadJobId);
        assertThat(entry.path("replayCount").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(5)
    void analyticsTrendsChartShowsTheFailures() {
        navigate("#/analytics?tab=overview");
        waitFor(By.cssSelector("[data-test=total] .stat-value"));
        waitFor(By.cssSelector("[data-test=by-queue] li"));
        shot("07-analytics-overview");
        click("[data-test=tab-trends]");
        WebElement chart = waitFor(By.cssSelector("svg[data-test=trend-chart]"));
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar:not(.empty)"));
        assertThat(bars).isNotEmpty();
        assertThat(bars.stream().mapToInt(b -> Integer.parseInt(b.getAttribute("data-count"))).sum()).isGreaterThanOrEqualTo(1);
        shot("08-analytics-trends");
        click("[data-test=tab-failures]");
        waitFor(By.cssSelector("[data-test=top-reasons] li"));
        shot("09-analytics-failures");
    }

    @Test
    @Order(6)
    void persianSwitchLaysThePageOutRightToLeft() {
        navigate("#/live");
        waitFor(By.cssSelector("[data-test=queues-table]"));
        click("[data-test=lang-switch]");
        waitUntil("dir is rtl", () -> "rtl".equals(js("return document.documentElement.dir")));
        assertThat(js("return document.documentElement.lang")).isEqualTo("fa");
        waitFor(By.cssSelector("[data-test=queues-table]"));
        shot("10-live-fa");
        navigate("#/audit");
        waitFor(By.cssSelector("[data-test=audit-table] tr[data-action='queue.pause']"));
        click("[data-test=theme-switch]");
        waitUntil("dark theme", () -> "dark".equals(js("return document.documentElement.dataset.theme")));
        shot("11-audit-fa-dark");
        click("[data-test=lang-switch]");
        waitUntil("dir is ltr again", () -> "ltr".equals(js("return document.documentElement.dir")));
        navigate("#/analytics?tab=trends");
        waitFor(By.cssSelector("svg[data-test=trend-chart]"));
        shot("12-analytics-dark");

        // Phone width: the navigation folds behind the menu button and nothing overflows sideways.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            navigate("#/live");
            waitFor(By.cssSelector("[data-test=queues-table]"));
            waitUntil("no sideways overflow", () -> ((Number) js(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 1);
            shot("13-live-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        }
    }

    @Test
    @Order(7)
    void queueSelectorsListTheQueuesTheConfigServes() throws Exception {
        HttpResponse<String> served = stack.http().send(HttpRequest.newBuilder(URI.create(stack.origin() + "/owner/config.json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode config = JSON.readTree(served.body());
        List<String> queues = new ArrayList<>();
        config.path("queues").forEach(q -> queues.add(q.asText()));
        assertThat(queues).contains("email", "system").doesNotContain(config.path("deadLetterQueue").asText());

        navigate("#/dlq");
        assertThat(optionValues("[data-test=dlq-queue]")).containsExactlyElementsOf(queues);
        // The shared selectable table and bulk bar: selecting a row offers the bulk actions, clearing it hides them.
        String firstBox = "[data-test=dlq-table] tbody tr:first-child td:first-child input[type=checkbox]";
        click(firstBox);
        waitFor(By.cssSelector("[data-test=bulk-delete]"));
        click(firstBox);
        waitUntil("the bulk bar empties", () -> browser.findElements(By.cssSelector("[data-test=bulk-delete]")).isEmpty());
        navigate("#/audit");
        List<String> auditTargets = new ArrayList<>(queues);
        auditTargets.add(config.path("deadLetterQueue").asText());
        assertThat(optionValues("[data-test=audit-queue]")).containsExactlyElementsOf(auditTargets);
    }

    // ---------------------------------------------------------------- helpers

    private boolean paused(String queue) {
        try {
            for (JsonNode q : get("/owner/queues/stats")) {
                if (queue.equals(q.path("queue").asText())) {
                    return q.path("paused").asBoolean();
                }
            }
            throw new AssertionError("no queue " + queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values of a select's options after its "any" option. */
    private List<String> optionValues(String selectCss) {
        waitFor(By.cssSelector(selectCss));
        return browser.findElements(By.cssSelector(selectCss + " option")).stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
    }
}
