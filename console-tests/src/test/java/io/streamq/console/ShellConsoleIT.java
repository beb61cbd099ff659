package io.streamq.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's shell through the one origin: sign-in refusals, the session's warning and expiry, a READ-only
 * token's disabled actions, destructive dialogs (focus, Enter, type-to-confirm, Tab, focus return), the one date
 * format and digits per language, and the contrast of small badges and the danger button.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellConsoleIT extends ConsoleTestBase {

    /** Persian (Extended Arabic-Indic) digits, as the console writes every number and date in fa. */
    private static final String FA_DIGIT = "[\u06F0-\u06F9]";
    private static final String FA_DATE_TIME = FA_DIGIT + "{4}/" + FA_DIGIT + "{2}/" + FA_DIGIT + "{2} "
            + FA_DIGIT + "{2}:" + FA_DIGIT + "{2}:" + FA_DIGIT + "{2}";

    private String failedJobId;
    private String queue;

    @AfterAll
    void resumeQueue() throws Exception {
        if (queue != null) {
            call("POST", "/owner/queues/" + queue + "/resume", null);
        }
    }

    /** A test that failed with a dialog open must not leave it over the next one's buttons. */
    @BeforeEach
    void closeDialogs() {
        js("document.querySelectorAll('dialog[open]').forEach((d) => d.close())");
    }

    @Test
    @Order(1)
    void refusesATokenWithoutOwnerRightsAtSignIn() {
        openSignInForm();
        WebElement input = waitFor(By.cssSelector("[data-test=token-input]"));
        input.sendKeys(TestTokens.producer("shell-producer"));
        click("[data-test=signin]");

        WebElement message = waitFor(By.cssSelector("[data-test=signin-message]"));
        assertThat(message.getText()).contains("no owner rights");
        assertThat(browser.findElements(By.cssSelector("[data-test=signout]"))).isEmpty();
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        shot("refused-producer-token");
    }

    @Test
    @Order(2)
    void anExpiredSignInLinkSaysWhy() {
        openSignInForm();
        navigate("#token=" + TestTokens.expired("shell-expired"));

        waitUntil("the sign-in form names the expired link", () -> {
            List<WebElement> m = browser.findElements(By.cssSelector("[data-test=signin-message]"));
            return !m.isEmpty() && m.getFirst().isDisplayed() && m.getFirst().getText().contains("sign-in link was not used")
                    && m.getFirst().getText().contains("expired");
        });
        assertThat(browser.getCurrentUrl()).doesNotContain("token=");
        assertThat(browser.findElements(By.cssSelector("[data-test=signout]"))).isEmpty();
        shot("expired-link");
    }

    @Test
    @Order(3)
    void aReadOnlyTokenSeesTheActionsItMayNotTakeDisabled() throws Exception {
        failedJobId = enqueue("plugin.execute-hook", "{\"pluginId\":\"acme.crm-sync\",\"hook\":\"contact.created\",\"url\":\""
                + stack.hookUrl(410) + "\",\"body\":{}}");
        queue = queueOf(failedJobId);
        waitUntil("the hook job failed", () -> "failed".equals(jobState(queue, failedJobId)));

        signIn(TestTokens.policies("shell-reader", "READ"));
        assertThat(waitFor(By.cssSelector("[data-test=policy-badge]")).getText()).isEqualTo("read only");
        navigate("#/queues?queue=" + queue);
        click("[data-test=state-failed]");
        WebElement retry = waitFor(By.cssSelector("tr[data-id='" + failedJobId + "'] [data-test=retry]"));

        assertThat(retry.isEnabled()).as("retry").isFalse();
        assertThat(waitFor(By.cssSelector("[data-test=pause], [data-test=resume]")).isEnabled()).as("pause").isFalse();
        assertThat(waitFor(By.cssSelector("[data-test=purge]")).isEnabled()).as("purge").isFalse();
        shot("read-only-queue");
    }

    @Test
    @Order(4)
    void aPurgeDialogOpensOnCancelAndEnterTwiceDestroysNothing() throws Exception {
        signInAsOwner();
        assertThat(browser.findElements(By.cssSelector("[data-test=policy-badge]"))).isEmpty();
        navigate("#/queues?queue=" + queue);
        WebElement purge = waitFor(By.cssSelector("[data-test=purge]"));

        purge.sendKeys(Keys.ENTER);
        waitFor(By.cssSelector("dialog[data-test=purge-dialog]"));
        assertThat(activeTest()).isEqualTo("cancel");
        waitFor(By.cssSelector("dialog[data-test=purge-dialog] [data-test=confirm-summary]"));
        assertThat(activeTest()).as("focus stays on Cancel once the summary is in").isEqualTo("cancel");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitUntil("the dialog closed", () -> browser.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(activeTest()).as("focus back on the opener").isEqualTo("purge");
        assertThat(jobState(queue, failedJobId)).as("nothing purged").isEqualTo("failed");
    }

    @Test
    @Order(5)
    void typeToConfirmKeepsPurgeDisabledAndTabStaysInTheDialog() {
        click("[data-test=purge]");
        waitFor(By.cssSelector("dialog[data-test=purge-dialog] [data-test=confirm-summary]"));
        WebElement confirm = browser.findElement(By.cssSelector("dialog[open] [data-test=confirm]"));
        WebElement typed = waitFor(By.cssSelector("dialog[open] [data-test=type-to-confirm]"));
        assertThat(confirm.isEnabled()).as("nothing typed").isFalse();
        typed.sendKeys(queue + "x");
        assertThat(confirm.isEnabled()).as("a different name").isFalse();
        typed.sendKeys(Keys.BACK_SPACE);
        assertThat(confirm.isEnabled()).as("the queue's name").isTrue();
        shot("purge-type-to-confirm");

        // Round the dialog twice each way: focus never leaves it.
        int stops = ((Number) js("return document.querySelectorAll('dialog[open] button:not(:disabled), dialog[open] input').length")).intValue();
        for (Keys chord : List.of(Keys.TAB, Keys.SHIFT)) {
            for (int i = 0; i < stops * 2 + 1; i++) {
                Actions keys = new Actions(browser);
                (chord == Keys.SHIFT ? keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT) : keys.sendKeys(Keys.TAB)).perform();
                assertThat(js("const d = document.querySelector('dialog[open]');"
                        + " return d.contains(document.activeElement) && document.activeElement !== d"))
                        .as("focus inside the dialog after %s #%d", chord == Keys.SHIFT ? "Shift+Tab" : "Tab", i + 1).isEqualTo(true);
            }
        }

        // A live redraw replaces the opener while the dialog is open: focus goes to its successor, not the body.
        js("const b = document.querySelector('[data-test=purge]'); b.replaceWith(b.cloneNode(true));");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        waitUntil("the dialog closed", () -> browser.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(activeTest()).isEqualTo("purge");
        assertThat(js("return document.activeElement === document.querySelector('[data-test=purge]')")).isEqualTo(true);
    }

    @Test
    @Order(6)
    void focusFallsBackToTheHeadingWhenTheOpenerIsGone() {
        openQueuePageAfresh(); // the clone the previous test left has no click handler
        click("[data-test=purge]");
        waitFor(By.cssSelector("dialog[data-test=purge-dialog]"));
        // Renamed first, so no live redraw in between can bring back an element that matches it.
        js("const b = document.querySelector('[data-test=purge]'); b.dataset.test = 'purge-gone'; b.remove();");
        click("dialog[open] [data-test=cancel]");
        waitUntil("the dialog closed", () -> browser.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(js("return document.activeElement === document.querySelector('#main h1')")).isEqualTo(true);
    }

    @Test
    @Order(7)
    void smallBadgesAndTheDangerButtonKeepTheirContrast() {
        openQueuePageAfresh(); // the previous test removed its purge button
        waitFor(By.cssSelector("[data-test=purge]"));
        for (String kind : List.of("ok", "warn", "bad", "info", "live", "new", "")) {
            double ratio = contrastOf("const s = document.createElement('span'); s.className = 'badge " + kind + "';"
                    + " s.textContent = 'x'; document.getElementById('main').append(s); return s;");
            assertThat(ratio).as("light badge '%s'", kind).isGreaterThanOrEqualTo(4.5);
        }
        click("[data-test=theme-switch]");
        waitUntil("dark theme", () -> "dark".equals(js("return document.documentElement.dataset.theme")));
        new Actions(browser).moveToElement(waitFor(By.cssSelector("[data-test=purge]"))).perform();
        assertThat(contrastOf("return document.querySelector('[data-test=purge]')")).as("dark danger button on hover")
                .isGreaterThanOrEqualTo(4.5);
        shot("dark-danger-hover");
        click("[data-test=theme-switch]");
    }

    @Test
    @Order(8)
    void persianShowsSolarHijriDatesAndPersianDigitsInTablesFiltersAndThePager() throws Exception {
        // Audited actions to list: a pause and a resume of the test's queue.
        assertThat(call("POST", "/owner/queues/" + queue + "/pause", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/owner/queues/" + queue + "/resume", null).statusCode()).isEqualTo(200);
        click("[data-test=lang-switch]");
        waitUntil("Persian", () -> "fa".equals(js("return document.documentElement.lang")));

        navigate("#/audit");
        WebElement pauseRow = waitFor(By.cssSelector("[data-test=audit-table] tr[data-action='queue.pause']"));
        List<WebElement> cells = pauseRow.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).matches(FA_DATE_TIME).startsWith("\u06F1\u06F4");
        assertThat(cells.get(2).getText()).contains("توقف صف").contains("queue.pause");
        assertThat(cells.get(4).getText()).isIn("موفق", "تلاش");
        shot("fa-audit");

        WebElement from = browser.findElement(By.cssSelector("[data-test=audit-from]"));
        assertThat(from.getAttribute("placeholder")).matches(FA_DIGIT + "{4}/" + FA_DIGIT + "{2}/" + FA_DIGIT + "{2} .*");
        // Tomorrow in the Solar Hijri calendar, written by the browser's own calendar (the oracle), not the console.
        String tomorrow = (String) js("const p = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {year: 'numeric',"
                + " month: '2-digit', day: '2-digit'}).formatToParts(new Date(Date.now() + 86400000));"
                + " const v = (t) => p.find((x) => x.type === t).value; return v('year') + '/' + v('month') + '/' + v('day');");
        from.sendKeys(tomorrow);
        click("[data-test=audit-apply]");
        waitUntil("nothing from tomorrow on", () -> browser.findElements(By.cssSelector("[data-test=audit-table]")).isEmpty()
                && !browser.findElements(By.cssSelector("[data-test=audit-list] p.muted")).isEmpty());
        shot("fa-audit-filter-tomorrow");

        from.clear();
        from.sendKeys("1405/13/40");
        from.sendKeys(Keys.TAB);
        assertThat(from.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(js("return arguments[0].validity.valid", from)).isEqualTo(false);

        navigate("#/dlq");
        WebElement pager = waitFor(By.cssSelector("[data-test=pager-text]"));
        assertThat(pager.getText()).containsPattern(FA_DIGIT).doesNotContainPattern("[0-9]");
        shot("fa-dlq-pager");
    }

    @Test
    @Order(9)
    void warnsBeforeTheSessionExpiresThenSaysSessionExpired() {
        click("[data-test=lang-switch]");
        waitUntil("English", () -> "en".equals(js("return document.documentElement.lang")));
        signIn(TestTokens.expiringIn("shell-short-lived", 70));

        WebElement warning = waitFor(By.cssSelector("[data-test=session-warning]"));
        assertThat(warning.getText()).contains("Your session expires in");
        shot("session-warning");
        browser.manage().window().setSize(PHONE);
        assertThat(js("const b = document.querySelector('[data-test=session-warning]'); return b.scrollWidth <= b.clientWidth"))
                .as("the banner wraps at phone width").isEqualTo(true);
        shot("session-warning-phone");
        browser.manage().window().setSize(DESKTOP);

        // The token's exp is some 70 s away: wait past it (bounded), then the sign-in form says why.
        WebElement message = new WebDriverWait(browser, Duration.ofSeconds(150)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=signin-message]")));
        assertThat(message.getText()).startsWith("Session expired");
        assertThat(message.getText()).doesNotContain("refused");
        assertThat(js("return sessionStorage.length")).isEqualTo(0L);
        shot("session-expired");
    }

    // ---------------------------------------------------------------- helpers

    private void openSignInForm() {
        browser.get(stack.origin() + "/owner/");
        js("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(By.cssSelector("[data-test=signin-form]"));
    }

    /** The test queue's page rendered anew (a hash equal to the current one would not route). */
    private void openQueuePageAfresh() {
        navigate("#/audit");
        waitFor(By.cssSelector("[data-test=audit-list]"));
        navigate("#/queues?queue=" + queue);
    }

    private String activeTest() {
        return (String) js("return document.activeElement?.dataset?.test ?? document.activeElement?.tagName");
    }

    /** The queue a job went to, found among the queues the console lists (so no queue name is spelled here). */
    private String queueOf(String jobId) throws Exception {
        for (JsonNode q : get("/owner/config.json").path("queues")) {
            if (call("GET", "/owner/queues/" + q.asText() + "/jobs/" + jobId, null).statusCode() == 200) {
                return q.asText();
            }
        }
        throw new AssertionError("job " + jobId + " is in no queue");
    }

    private String jobState(String queueName, String jobId) {
        try {
            HttpResponse<String> r = call("GET", "/owner/queues/" + queueName + "/jobs/" + jobId, null);
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("state").asText() : "status " + r.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The WCAG contrast ratio of an element's text colour on its own background (both as computed). */
    private double contrastOf(String elementScript) {
        WebElement el = (WebElement) js(elementScript);
        @SuppressWarnings("unchecked")
        List<Number> ratio = (List<Number>) js("const s = getComputedStyle(arguments[0]);"
                + " const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);"
                + " const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });"
                + " return 0.2126 * r + 0.7152 * g + 0.0722 * b; };"
                + " let bg = s.backgroundColor, n = arguments[0];"
                + " while (/rgba\\(.*, 0\\)|transparent/.test(bg) && n.parentElement) { n = n.parentElement; bg = getComputedStyle(n).backgroundColor; }"
                + " const [a, b] = [lum(s.color), lum(bg)].sort((x, y) => y - x); return [(a + 0.05) / (b + 0.05)];", el);
        return ratio.getFirst().doubleValue();
    }
}
