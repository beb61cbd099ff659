package io.streamq.core.contract;

import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.contract.payload.SystemHealthCheck;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A job type is found from its wire name through its record alone. */
class JobTypeTest {

    @Test
    void everyDeclaredTypeIsFoundByItsWireNameAsTheSameInstance() {
        assertThat(JobType.values()).hasSize(21).doesNotHaveDuplicates();
        for (JobType type : JobType.values()) {
            assertThat(JobType.fromWire(type.wireName())).containsSame(type);
            assertThat(JobType.of(type.payloadClass())).isSameAs(type);
        }
        assertThat(Arrays.stream(JobType.values()).filter(JobType::internal).map(JobType::wireName))
                .containsExactly("dlq.record-failure", "dlq.replay");
    }

    @Test
    void namesThatDeclareNoContractAreUnknown() {
        assertThat(JobType.fromWire("system.health-checks")).isEmpty();
        assertThat(JobType.fromWire("System.health-check")).isEmpty();
        assertThat(JobType.fromWire("field.error")).as("a class of the package that is no contract").isEmpty();
        assertThat(JobType.fromWire("system.health-check ")).isEmpty();
        assertThat(JobType.fromWire(null)).isEmpty();
        assertThat(JobType.fromWire("system.health-check")).containsSame(JobType.of(SystemHealthCheck.class));
    }

    @Test
    void aRecordWithoutItsContractIsNoType() {
        record Undeclared() implements JobPayload {
        }

        assertThatThrownBy(() -> JobType.of(Undeclared.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
