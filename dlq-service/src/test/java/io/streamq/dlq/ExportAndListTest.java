package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ExportAndListTest {

    @Inject
    DlqTestSupport support;

    @Inject
    RedisDataSource redis;

    @Inject
    io.streamq.core.store.DlqStore store;

    @Test
    void csvExportQuotesAndNeutralisesHostileCells() {
        String owner = TestTokens.owner("exporter");
        String hostileMessage = "=HYPERLINK(\"http://evil.example\",\"click\")";
        String hostilePayload = "{\"note\":\"a, \\\"quoted\\\"\\nsecond line\"}";
        DlqEntry hostile = support.deadJob(JobType.PLUGIN_SYNC, hostilePayload,
                DlqTestSupport.error("csv-hostile", hostileMessage));
        DlqEntry plus = support.deadJob(JobType.PLUGIN_SYNC, "{}", DlqTestSupport.error("csv-hostile", "+1 2"));
        DlqEntry at = support.deadJob(JobType.PLUGIN_SYNC, "{}", DlqTestSupport.error("csv-hostile", "@SUM(A1)"));
        DlqEntry minus = support.deadJob(JobType.PLUGIN_SYNC, "{}", DlqTestSupport.error("csv-hostile", "-2+3"));
        DlqEntry tab = support.deadJob(JobType.PLUGIN_SYNC, "{}", DlqTestSupport.error("csv-hostile", "\tcmd"));
        long accessBefore = accessEntries("dlq.export");

        Response r = given().auth().oauth2(owner).get("/owner/dlq/export?errorCode=csv-hostile");
        r.then().statusCode(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition"))
                .matches("attachment; filename=\"dlq-export-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.csv\"");
        List<List<String>> rows = parse(new String(r.asByteArray(), StandardCharsets.UTF_8));

        assertThat(rows.getFirst()).containsExactly("Job ID", "Original Queue", "Original Job ID", "Original Job Name",
                "Error Code", "Error Message", "First Failed At", "Last Failed At", "Replay Count", "Payload");
        assertThat(rows).hasSize(6);
        List<String> row = rows.stream().filter(x -> x.getFirst().equals(hostile.id())).findFirst().orElseThrow();
        assertThat(row).hasSize(10);
        assertThat(row.get(1)).isEqualTo("plugins");
        assertThat(row.get(3)).isEqualTo("plugin.sync");
        assertThat(row.get(4)).isEqualTo("csv-hostile");
        assertThat(row.get(5)).isEqualTo("'" + hostileMessage);
        assertThat(row.get(6)).isEqualTo(java.time.Instant.ofEpochMilli(hostile.firstFailedAt()).toString());
        assertThat(row.get(8)).isEqualTo("0");
        assertThat(row.get(9)).isEqualTo(hostilePayload);
        assertThat(cell(rows, plus.id())).isEqualTo("'+1 2");
        assertThat(cell(rows, at.id())).isEqualTo("'@SUM(A1)");
        assertThat(cell(rows, minus.id())).isEqualTo("'-2+3");
        assertThat(cell(rows, tab.id())).isEqualTo("'\tcmd");
        // No cell of the export starts like a formula.
        rows.stream().skip(1).flatMap(List::stream).filter(c -> !c.isEmpty())
                .forEach(c -> assertThat(c.charAt(0)).isNotIn('=', '+', '-', '@', '\t', '\r'));
        assertThat(accessEntries("dlq.export")).isEqualTo(accessBefore + 1);
    }

    @Test
    void exportWalksEveryEntryAcrossPagesAndTies() {
        int n = 1_203; // more than two export chunks of 500
        List<io.streamq.core.store.DlqRecord> records = new ArrayList<>();
        long t = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < n; i++) {
            // Many entries share a lastFailedAt, so paging must not skip or repeat ties.
            records.add(new io.streamq.core.store.DlqRecord("workflows", "workflows-" + (900_000 + i),
                    "workflow.sync-bulk", "E", "bulk " + i, "", "bulk-export", t, t + i / 7, 1, "{}", "", "", "", 0,
                    "bulk <n>"));
        }
        store.insert(records, 0, java.time.Duration.ofHours(50)).await().indefinitely();
        Response r = given().auth().oauth2(TestTokens.owner("exporter")).get("/owner/queues/dlq/export?errorCode=bulk-export");
        r.then().statusCode(200);
        List<List<String>> rows = parse(r.asString());
        assertThat(rows).hasSize(n + 1);
        assertThat(rows.stream().skip(1).map(List::getFirst).distinct().count()).isEqualTo(n);
    }

    @Test
    void listFiltersPaginatesAndSearches() {
        String owner = TestTokens.owner("lister");
        List<DlqEntry> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(support.deadJob(JobType.WORKFLOW_RESUME_RUN, "{\"runId\":\"needle-" + i + "\"}",
                    DlqTestSupport.error("list-code", "list failure " + i)));
        }
        given().auth().oauth2(owner).get("/owner/dlq?errorCode=list-code&pageSize=2&page=1").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(1)).body("pageSize", equalTo(2))
                .body("data.size()", equalTo(2)).body("data[0].id", equalTo(made.get(4).id()))
                .body("searchLimited", equalTo(false));
        given().auth().oauth2(owner).get("/owner/dlq?errorCode=list-code&pageSize=2&page=3").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].id", equalTo(made.getFirst().id()));
        // Search in the payload, combined with a filter: a bounded scan.
        given().auth().oauth2(owner).get("/owner/queues/dlq?search=NEEDLE-3&originalQueue=workflows").then()
                .statusCode(200).body("total", equalTo(1)).body("data[0].id", equalTo(made.get(3).id()))
                .body("data[0].payload", org.hamcrest.Matchers.nullValue())
                .body("data[0].errorCode", equalTo("list-code"));
        // Two filters and a time range.
        long from = made.get(1).lastFailedAt();
        long to = made.get(3).lastFailedAt();
        given().auth().oauth2(owner).get("/owner/dlq?errorCode=list-code&jobName=workflow.resume-run&from=" + from
                + "&to=" + to).then().statusCode(200).body("total", equalTo(3));
        given().auth().oauth2(owner).get("/owner/dlq?pageSize=201").then().statusCode(400);
        given().auth().oauth2(owner).get("/owner/dlq?originalQueue=nope").then().statusCode(400);
        given().auth().oauth2(owner).get("/owner/dlq?from=yesterday").then().statusCode(400);

        long before = accessEntries("dlq.entry.read");
        given().auth().oauth2(owner).get("/owner/dlq/" + made.get(2).id()).then().statusCode(200)
                .body("payload.runId", equalTo("needle-2")).body("error.code", equalTo("list-code"))
                .body("history[0].event", equalTo("failed"));
        assertThat(accessEntries("dlq.entry.read")).isEqualTo(before + 1);
        given().auth().oauth2(owner).get("/owner/dlq/workflows-77777777").then().statusCode(404);
    }

    @Test
    void searchScanIsBoundedAndSaysSo() {
        List<io.streamq.core.store.DlqRecord> records = new ArrayList<>();
        long t = System.currentTimeMillis() - 30_000;
        for (int i = 0; i < 6_000; i++) {
            records.add(new io.streamq.core.store.DlqRecord("analytics", "analytics-" + (700_000 + i),
                    "analytics.scan", "E", "scan " + i, "", "scan-limit", t, t + i, 1, "{}", "", "", "", 0,
                    "scan <n>"));
        }
        for (int i = 0; i < records.size(); i += 1000) {
            store.insert(records.subList(i, i + 1000), 0, java.time.Duration.ofHours(50)).await()
                    .indefinitely();
        }
        given().auth().oauth2(TestTokens.owner("lister")).get("/owner/dlq?errorCode=scan-limit&search=scan 1")
                .then().statusCode(200).body("searchLimited", equalTo(true)).body("scanned", equalTo(5000));
        store.delete(records.stream().map(io.streamq.core.store.DlqRecord::originalJobId).toList(), "test")
                .await().indefinitely();
    }

    private long accessEntries(String action) {
        List<StreamMessage<String, String, String>> all = redis.stream(String.class)
                .xrange(SecurityKeys.dataAccessStream(), StreamRange.of("-", "+"));
        return all.stream().filter(m -> action.equals(m.payload().get("action"))).count();
    }

    private static String cell(List<List<String>> rows, String id) {
        return rows.stream().filter(x -> x.getFirst().equals(id)).findFirst().orElseThrow().get(5);
    }

    /** A strict RFC 4180 reader: quoted cells, doubled quotes, CRLF row ends. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }
}
