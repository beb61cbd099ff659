package io.streamq.dlq;

import io.streamq.dlq.export.Csv;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesPerRfc4180AndNeutralisesFormulaCells() {
        assertThat(Csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
        assertThat(Csv.row(List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b")))
                .isEqualTo("'=1+2,'+1,'-1,'@SUM(A1),'\tx,\"'\rx\",a=b\r\n");
        assertThat(Csv.row(List.of("=HYPERLINK(\"http://evil\",\"x\")")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n");
    }
}
