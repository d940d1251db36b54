package dev.exhibit.acquire.badsector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadPaceTest {
    static final long MAX = 4 << 20;
    static final long CLUSTER = 64 << 10;

    @Test
    void readBytes_startLargeInPass1_andAtOneClusterInPass2() {
        ReadPace pace = new ReadPace(MAX, CLUSTER);
        pace.startPass(true);
        assertThat(pace.readBytes()).isEqualTo(MAX);
        pace.startPass(false);
        assertThat(pace.readBytes()).isEqualTo(CLUSTER);
    }

    @Test
    void readBytes_afterAFailure_doubleWhileGood_whenFailuresAreCheap() {
        ReadPace pace = new ReadPace(MAX, CLUSTER);
        pace.measured(true, 100_000);
        pace.measured(false, 50_000);
        pace.failed(1 << 20);
        assertThat(pace.readBytes()).isEqualTo(CLUSTER);
        pace.good((1 << 20) + CLUSTER);
        assertThat(pace.readBytes()).isEqualTo(2 * CLUSTER);
        for (int i = 0; i < 10; i++) {
            pace.good(2 << 20);
        }
        assertThat(pace.readBytes()).isEqualTo(MAX);
    }

    @Test
    void readBytes_stayOneClusterNearCostlyFailures_andGrowPastCalmBytes() {
        ReadPace pace = new ReadPace(MAX, CLUSTER);
        pace.measured(true, 100_000);
        pace.measured(false, 2_000_000_000L); // a drive that retries for two seconds
        assertThat(pace.failuresCostly()).isTrue();
        pace.failed(1 << 20);
        pace.good((1 << 20) + ReadPace.CALM_BYTES - 1);
        assertThat(pace.readBytes()).isEqualTo(CLUSTER);
        pace.good((1 << 20) + ReadPace.CALM_BYTES);
        assertThat(pace.readBytes()).isEqualTo(2 * CLUSTER);
    }

    @Test
    void failuresCostly_untilGoodReadsAreMeasured() {
        assertThat(new ReadPace(MAX, CLUSTER).failuresCostly()).isTrue();
    }
}
