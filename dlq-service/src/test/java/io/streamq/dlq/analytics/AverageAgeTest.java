package io.streamq.dlq.analytics;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AverageAgeTest {

    @Test
    void meanOfFirstFailedAtIsExactWhereSumTimesThousandOverflowsALong() {
        long n = 6_000_000;
        long sumSec = 1_765_000_123L * n + 4_321_987;
        long exact = BigInteger.valueOf(sumSec).multiply(BigInteger.valueOf(1000)).divide(BigInteger.valueOf(n))
                .longValueExact();

        assertThat(DlqAnalytics.averageMs(sumSec, n)).isEqualTo(exact).isEqualTo(1_765_000_123_720L);
    }
}
