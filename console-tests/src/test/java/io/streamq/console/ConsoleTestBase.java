package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every browser test class shares: the {@link ConsoleStack}, one headless Chromium (started once, reset to a
 * desktop window, English, light theme and no session at the start of each class) and the steps tests are written
 * in. Classes run in any order on the same Redis and services, so each one makes the data it looks at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleTestBase {

    protected static final Duration UI_WAIT = Duration.ofSeconds(20);
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Dimension DESKTOP = new Dimension(1366, 900);
    protected static final Dimension PHONE = new Dimension(390, 844);

    private static WebDriver sharedBrowser;

    protected ConsoleStack stack;
    protected WebDriver browser;

    @BeforeAll
    void startStackAndBrowser() throws Exception {
        stack = ConsoleStack.shared();
        browser = browser();
        browser.manage().window().setSize(DESKTOP);
        browser.get(stack.origin() + "/owner/");
        js("sessionStorage.clear(); localStorage.clear();");
    }

    private static synchronized WebDriver browser() throws Exception {
        if (sharedBrowser == null) {
            Path profile = Files.createTempDirectory("console-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1366,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.quit();
                service.stop();
            }, "stop-chromium"));
            sharedBrowser = driver;
        }
        return sharedBrowser;
    }

    // ---------------------------------------------------------------- signing in

    /** Opens the console with a sign-in link for {@code token}; returns once the shell is there. */
    protected void signIn(String token) {
        // A fresh document, so the console reads the link at boot: on an open console only the hash would change,
        // and a hashchange that lands before its configuration has loaded would go unheard.
        browser.get("about:blank");
        browser.get(stack.origin() + "/owner/#token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        waitFor(By.cssSelector("[data-test=signout]"));
    }

    protected void signInAsOwner() {
        signIn(stack.ownerToken());
    }

    // ---------------------------------------------------------------- the page

    protected void navigate(String hash) {
        js("location.hash = arguments[0]", hash);
    }

    protected WebElement waitFor(By by) {
        return new WebDriverWait(browser, UI_WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void click(String css) {
        new WebDriverWait(browser, UI_WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement target = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (target == null) {
                return false;
            }
            target.click();
            return true;
        });
    }

    protected String attr(String css, String name) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.getFirst().getAttribute(name);
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    protected void waitUntil(String what, BooleanSupplier condition) {
        // The console re-renders lists as live frames arrive, so an element found a moment ago may be replaced.
        new WebDriverWait(browser, UI_WAIT).withMessage(what).pollingEvery(Duration.ofMillis(300))
                .ignoring(StaleElementReferenceException.class).until(d -> condition.getAsBoolean());
    }

    /** A PNG of the window as {@code <Class>-<name>.png} in the screenshots folder (a CI artifact). */
    protected void shot(String name) {
        try {
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(ConsoleStack.screenshots().resolve(getClass().getSimpleName() + "-" + name + ".png"), png);
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    // ---------------------------------------------------------------- the APIs, through the same origin

    protected String enqueue(String jobName, String payloadJson) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/jobs", "{\"name\":\"" + jobName + "\",\"payload\":" + payloadJson + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    protected JsonNode get(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    protected HttpResponse<String> call(String method, String path, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.origin() + path))
                .header("Authorization", "Bearer " + stack.ownerToken()).timeout(Duration.ofSeconds(30));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
