package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Live monitoring page through the one origin of the ingress proxy: health from monitor-service's platform
 * answer, the explicit state while monitor-service is down and the recovery without a reload, the last hour's charts
 * with their numbers, and the grouped event feed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveConsoleIT extends ConsoleTestBase {

    private static final String MONITOR = "monitor-service";
    private static final String[] SERVICES = {"monitor", "producer", "dlq", "gateway"};
    private static final int COMPLETED_JOBS = 3;

    private String failedJobId;
    private String failedQueue;

    @Test
    @Order(1)
    void healthCardsShowRedisAndEveryServiceUpThroughTheProxy() {
        signInAsOwner();
        navigate("#/live");
        waitUntil("Redis reads up", () -> "UP".equals(attr("[data-test=health-redis]", "data-state")));
        for (String service : SERVICES) {
            waitUntil(service + " reads up", () -> "UP".equals(attr("[data-test=health-" + service + "]", "data-state")));
        }
        assertThat(attr("[data-test=live-system-status]", "data-state")).isEqualTo("UP");
        assertThat(browser.findElement(By.cssSelector("[data-test=live-outage]")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("[data-test=health] [data-test=live-age]")).getText()).isNotBlank();
        shotAt("main", "01-health-en-light");
    }

    @Test
    @Order(2)
    void aFailingJobIsOneFeedLineLinkingToTheJob() throws Exception {
        navigate("#/live");
        waitFor(By.cssSelector("[data-test=queues-table]"));
        failedJobId = enqueue("plugin.execute-hook", hookPayload(410));
        failedQueue = queueOf(failedJobId);
        String line = "[data-test=event-feed] li[data-kind=jobs]";
        String link = line + " a[data-test=live-feed-job][data-job='" + failedJobId + "']";
        waitFor(By.cssSelector(link));
        // dlq-service takes the failure from the dead stream: its DLQ event joins the job's line, not a line of its own.
        waitUntil("the job's line says it is in the DLQ", () -> lineOf(failedJobId).stream()
                .anyMatch(li -> !li.findElements(By.cssSelector(".badge.warn")).isEmpty()));
        assertThat(lineOf(failedJobId)).hasSize(1);
        WebElement only = lineOf(failedJobId).getFirst();
        assertThat(only.getAttribute("data-sev")).isEqualTo("error");
        assertThat(only.getAttribute("data-queue")).isEqualTo(failedQueue);
        assertThat(attr(link, "href")).endsWith("#/queues?queue=" + failedQueue + "&job=" + failedJobId);
        shotAt("[data-test=event-feed]", "02-feed-grouped-en-light");
        click(link);
        waitUntil("the link opens the job on the queue page",
                () -> ("#/queues?queue=" + failedQueue + "&job=" + failedJobId).equals(js("return location.hash")));
    }

    @Test
    @Order(3)
    void chartsGiveTheRealCountsAsText() throws Exception {
        String queue = null;
        for (int i = 0; i < COMPLETED_JOBS; i++) {
            queue = queueOf(enqueue("system.health-check", "{}"));
        }
        JsonNode done = awaitThroughput(queue, "completed", COMPLETED_JOBS);
        navigate("#/live?queue=" + queue);
        String charts = "[data-test=live-charts][data-queue=" + queue + "]";
        // The page reads the last hour when it opens, after monitor counted the jobs.
        waitUntil("the chart of " + queue + " counts the completed jobs", () -> {
            String completed = attr(charts, "data-completed");
            return completed != null && Integer.parseInt(completed) >= sum(done, "completed");
        });
        assertThat(tableSum(charts, "completed")).isEqualTo(Integer.parseInt(attr(charts, "data-completed")));
        assertThat(attr(charts + " svg[data-test=live-throughput-chart]", "aria-label"))
                .contains("last 60 min").contains(attr(charts, "data-completed") + " completed");
        assertThat(browser.findElements(By.cssSelector(charts + " svg[data-test=live-failure-rate-chart]"))).hasSize(1);
        shotAt("[data-test=live-throughput]", "03-charts-en-light");

        // The failed job of the feed test is counted in its own queue's chart.
        JsonNode failed = awaitThroughput(failedQueue, "failed", 1);
        new org.openqa.selenium.support.ui.Select(waitFor(By.cssSelector("[data-test=live-queue-select]"))).selectByValue(failedQueue);
        String pluginCharts = "[data-test=live-charts][data-queue=" + failedQueue + "]";
        waitUntil("the chart of " + failedQueue + " counts the failed job", () -> {
            String count = attr(pluginCharts, "data-failed");
            return count != null && Integer.parseInt(count) >= sum(failed, "failed");
        });
        assertThat(tableSum(pluginCharts, "failed")).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElements(By.cssSelector("[data-test=live-queue-health] [data-test=live-queue-numbers]"))).hasSize(1);
    }

    @Test
    @Order(4)
    void monitorDownIsNamedWithGreyedAgedNumbersAndRecoversWithoutReload() throws Exception {
        navigate("#/live");
        waitUntil("monitor reads up", () -> "UP".equals(attr("[data-test=health-monitor]", "data-state")));
        waitFor(By.cssSelector("[data-test=queues-table]"));
        js("window.__liveMarker = 'no-reload'");
        stack.stop(MONITOR);
        try {
            waitUntil("the outage banner names monitor-service", () -> {
                List<WebElement> banner = browser.findElements(By.cssSelector("[data-test=live-outage]"));
                return !banner.isEmpty() && banner.getFirst().isDisplayed()
                        && String.valueOf(banner.getFirst().getAttribute("data-services")).contains(MONITOR)
                        && banner.getFirst().getText().contains(MONITOR);
            });
            waitUntil("the monitor card reads unreachable",
                    () -> "UNREACHABLE".equals(attr("[data-test=health-monitor]", "data-state")));
            for (String panel : List.of("health", "overview", "queue-list")) {
                waitUntil(panel + " is greyed as stale", () -> "true".equals(attr("[data-test=" + panel + "]", "data-stale")));
                assertThat(browser.findElement(By.cssSelector("[data-test=" + panel + "] [data-test=live-stale-note]")).getText())
                        .isNotBlank();
                assertThat(browser.findElement(By.cssSelector("[data-test=" + panel + "] [data-test=live-age]")).getText())
                        .isNotBlank();
            }
            // The last known numbers stay on the page, and no panel is left loading.
            assertThat(browser.findElements(By.cssSelector("[data-test=queues-table] tr[data-queue=" + failedQueue + "]"))).hasSize(1);
            waitUntil("nothing keeps spinning", () -> browser.findElements(By.cssSelector("main .loading")).isEmpty());
            // The feed keeps its history.
            assertThat(lineOf(failedJobId)).hasSize(1);
            shotAt("main", "04-monitor-down-en-light");
            shotAt("[data-test=queue-list]", "05-monitor-down-queues-en-light");
        } finally {
            stack.restart(MONITOR);
        }
        waitUntil("the banner goes", () -> !browser.findElement(By.cssSelector("[data-test=live-outage]")).isDisplayed());
        waitUntil("monitor reads up again", () -> "UP".equals(attr("[data-test=health-monitor]", "data-state")));
        waitUntil("the queue list is current again", () -> attr("[data-test=queue-list]", "data-stale") == null);
        assertThat(js("return window.__liveMarker")).isEqualTo("no-reload");
        assertThat(lineOf(failedJobId)).hasSize(1);
    }

    @Test
    @Order(5)
    void persianDarkAndPhoneWidthKeepWorking() {
        navigate("#/live?queue=" + failedQueue);
        waitFor(By.cssSelector("[data-test=live-charts]"));
        click("[data-test=lang-switch]");
        waitUntil("dir is rtl", () -> "rtl".equals(js("return document.documentElement.dir")));
        click("[data-test=theme-switch]");
        waitUntil("dark theme", () -> "dark".equals(js("return document.documentElement.dataset.theme")));
        waitFor(By.cssSelector("[data-test=live-charts] svg[data-test=live-throughput-chart]"));
        waitUntil("Redis reads up", () -> "UP".equals(attr("[data-test=health-redis]", "data-state")));
        assertThat(lineOf(failedJobId)).as("the feed survives the language switch").hasSize(1);
        // The failed job's DLQ entry is an issue of its queue (dlq-unresolved, or dlq-growth when other classes'
        // failures keep coming); in Persian it is said in Persian, from monitor's facts, naming the queue.
        String issue = "[data-test=live-issues] li[data-rule^='dlq-'] [data-test=live-issue-text]";
        waitFor(By.cssSelector(issue));
        assertThat(attr(issue, "lang")).isEqualTo("fa");
        assertThat(browser.findElement(By.cssSelector(issue)).getText()).contains(failedQueue)
                .containsPattern("[\\u0600-\\u06FF]{3}");
        shotAt("main", "06-live-fa-dark");
        shotAt("[data-test=live-throughput]", "07-charts-fa-dark");

        browser.manage().window().setSize(PHONE);
        try {
            waitFor(By.cssSelector("[data-test=queues-table]"));
            waitUntil("no sideways overflow at 390 px", () -> ((Number) js(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 1);
            shotAt("[data-test=health]", "08-live-fa-dark-phone");
            shotAt("[data-test=live-throughput]", "09-charts-fa-dark-phone");
            click("[data-test=lang-switch]");
            click("[data-test=theme-switch]");
            waitUntil("ltr again", () -> "ltr".equals(js("return document.documentElement.dir")));
            waitFor(By.cssSelector("[data-test=queues-table]"));
            waitUntil("no sideways overflow at 390 px in English", () -> ((Number) js(
                    "return document.documentElement.scrollWidth - window.innerWidth")).intValue() <= 1);
            shotAt("[data-test=queue-list]", "10-queues-en-light-phone");
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String hookPayload(int status) {
        return "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\"" + stack.hookUrl(status)
                + "\",\"body\":{}}";
    }

    /** A screenshot with the element at the top of the window, below the sticky top bar. */
    private void shotAt(String css, String name) {
        js("const top = document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY;"
                + "window.scrollTo(0, top - document.querySelector('.topbar').offsetHeight - 8)", css);
        shot(name);
    }

    /** A job id is {@code <queue>-<number>}: the queue the producer put it in. */
    private static String queueOf(String jobId) {
        return jobId.substring(0, jobId.lastIndexOf('-'));
    }

    /** The feed lines that name the job (as text or link). */
    private List<WebElement> lineOf(String jobId) {
        return browser.findElements(By.cssSelector("[data-test=event-feed] li")).stream()
                .filter(li -> li.getText().contains(jobId)).toList();
    }

    /** Waits until monitor's last hour of the queue counts at least {@code atLeast} in {@code field}. */
    private JsonNode awaitThroughput(String queue, String field, int atLeast) throws Exception {
        JsonNode[] answer = new JsonNode[1];
        waitUntil(queue + " throughput counts " + atLeast + " " + field, () -> {
            try {
                answer[0] = get("/owner/queues/" + queue + "/throughput?minutes=60");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return sum(answer[0], field) >= atLeast;
        });
        return answer[0];
    }

    private static int sum(JsonNode throughput, String field) {
        int total = 0;
        for (JsonNode p : throughput.path("points")) {
            total += p.path(field).asInt();
        }
        return total;
    }

    /** The sum of a column of the chart's text alternative (its rows carry the numbers as data attributes). */
    private int tableSum(String charts, String field) {
        return ((Number) js("return [...document.querySelectorAll(arguments[0] + ' [data-test=live-throughput-table] tbody tr')]"
                + ".reduce((s, tr) => s + Number(tr.dataset[arguments[1]]), 0)", charts, field)).intValue();
    }
}
