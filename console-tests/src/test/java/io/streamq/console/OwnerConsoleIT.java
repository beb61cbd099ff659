package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner console in a real headless Chromium against the five packaged services and a private redis-server.
 * One browser session for the whole class, tests in order (each builds on the state the previous left).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerConsoleIT {

    private static final Duration UI_WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's h2c upgrade on a GET makes monitor-service answer 500 ("Request has
            // already been read"); browsers never send that upgrade.
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ServiceApp> services = new ArrayList<>();
    private RedisTestServer redis;
    private HttpServer hookServer;
    private ServiceApp producer;
    private ServiceApp monitor;
    private ServiceApp dlq;
    private ServiceApp gateway;
    private Path screenshots;
    private Path browserProfile;
    private String ownerToken;
    private ChromeDriverService driverService;
    private WebDriver browser;
    private String deadJobId;

    @BeforeAll
    void startEverything() throws Exception {
        Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("streamq.console.logs", "target/service-logs"));
        Path apps = logs.resolveSibling("service-apps");
        screenshots = Path.of(System.getProperty("streamq.console.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        ownerToken = TestTokens.owner("console-owner");

        redis = RedisTestServer.start();
        hookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hookServer.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        hookServer.start();

        Map<String, Integer> ports = new HashMap<>();
        for (String m : List.of("producer-service", "worker-service", "monitor-service", "dlq-service", "realtime-gateway")) {
            ports.put(m, RedisTestServer.freePort());
        }
        String gatewayOrigin = "http://127.0.0.1:" + ports.get("realtime-gateway");
        Map<String, String> common = ServiceApp.baseEnv(redis.uri(), TestKey.shared().publicPemFile(),
                TestTokens.ISSUER);
        // The console (served by the gateway) calls the other services cross-origin; they allow the console's
        // origin by configuration, which here is a random port.
        common.put("QUARKUS_HTTP_CORS_ORIGINS", gatewayOrigin);
        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("STREAMQ_CONSOLE_API_BASE_MONITOR", "http://127.0.0.1:" + ports.get("monitor-service"));
        gatewayEnv.put("STREAMQ_CONSOLE_API_BASE_DLQ", "http://127.0.0.1:" + ports.get("dlq-service"));
        gatewayEnv.put("STREAMQ_CONSOLE_API_BASE_PRODUCER", "http://127.0.0.1:" + ports.get("producer-service"));

        producer = ServiceApp.start(repo, "producer-service", ports.get("producer-service"), common, logs, apps);
        services.add(producer);
        services.add(ServiceApp.start(repo, "worker-service", ports.get("worker-service"), common, logs, apps));
        monitor = ServiceApp.start(repo, "monitor-service", ports.get("monitor-service"), common, logs, apps);
        services.add(monitor);
        dlq = ServiceApp.start(repo, "dlq-service", ports.get("dlq-service"), common, logs, apps);
        services.add(dlq);
        gateway = ServiceApp.start(repo, "realtime-gateway", ports.get("realtime-gateway"), gatewayEnv, logs, apps);
        services.add(gateway);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.forEach(ServiceApp::close)));

        // Five JVMs starting at once on a busy machine can take longer: -Dstreamq.console.ready-within=PT5M.
        ServiceApp.awaitReady(services, http, Duration.parse(System.getProperty("streamq.console.ready-within", "PT2M")));

        browserProfile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1366,900", "--user-data-dir=" + browserProfile);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (hookServer != null) {
            hookServer.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void signsInWithAPastedToken() {
        browser.get(gateway.baseUrl() + "/owner/");
        WebElement input = waitFor(By.cssSelector("[data-test=token-input]"));
        shot("00-sign-in");
        input.sendKeys(ownerToken);
        browser.findElement(By.cssSelector("[data-test=signin]")).click();
        waitFor(By.cssSelector("[data-test=nav-live][aria-current=page]"));
        waitUntil("the live feed connects", () -> "open".equals(attr("[data-test=connection]", "data-state")));
        waitFor(By.cssSelector("[data-test=queues-table] tr[data-queue=system]"));
        waitFor(By.cssSelector("[data-test=health-monitor].ok"));
        assertThat(js("return sessionStorage.getItem('streamq.console.token')")).isEqualTo(ownerToken);
    }

    @Test
    @Order(2)
    void livePageShowsJobsOfTheTestWithoutReload() throws Exception {
        Object marker = js("window.__noReload = 'still-here'; return window.__noReload;");
        assertThat(marker).isEqualTo("still-here");
        enqueue("system.health-check", "{}");
        // A job_summary frame over the WebSocket names the queue; nothing polls the feed for job counts.
        waitFor(By.cssSelector("[data-test=event-feed] li[data-queue=system][data-source=live]"));

        String hook = "http://127.0.0.1:" + hookServer.getAddress().getPort() + "/hook";
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
        JsonNode entry = get(dlq, "/owner/dlq/" + deadJobId);
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
        HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/owner/config.json"))
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

    private String enqueue(String name, String payload) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(producer.baseUrl() + "/v1/jobs"))
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"payload\":" + payload + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode get(ServiceApp service, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + ownerToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private boolean paused(String queue) {
        try {
            for (JsonNode q : get(monitor, "/owner/queues/stats")) {
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

    private void navigate(String hash) {
        js("location.hash = arguments[0]", hash);
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, UI_WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(String css) {
        new WebDriverWait(browser, UI_WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    WebElement target = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
                    if (target == null) {
                        return false;
                    }
                    target.click();
                    return true;
                });
    }

    private String attr(String css, String name) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.getFirst().getAttribute(name);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void waitUntil(String what, BooleanSupplier condition) {
        // The console re-renders lists as live frames arrive, so an element found a moment ago may be replaced.
        new WebDriverWait(browser, UI_WAIT).withMessage(what).pollingEvery(Duration.ofMillis(300))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void shot(String name) {
        try {
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(screenshots.resolve(name + ".png"), png);
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }
}
