package dev.skiff.core.execution;

import static dev.skiff.core.execution.ExecutionStatus.COMPLETED;
import static dev.skiff.core.execution.ExecutionStatus.CREATED;
import static dev.skiff.core.execution.ExecutionStatus.ERROR;
import static dev.skiff.core.execution.ExecutionStatus.FAILED;
import static dev.skiff.core.execution.ExecutionStatus.QUEUED;
import static dev.skiff.core.execution.ExecutionStatus.RUNNING;
import static dev.skiff.core.execution.ExecutionStatus.STARTING;
import static dev.skiff.core.execution.ExecutionStatus.STOPPED;
import static dev.skiff.core.execution.ExecutionStatus.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionLifecycleTest {

  /** The whole table, written out by hand so that a change to the lifecycle fails here. */
  private static final List<String> ALLOWED =
      List.of(
          "created -> queued",
          "created -> stopped",
          "created -> error",
          "queued -> starting",
          "queued -> stopped",
          "queued -> error",
          "starting -> running",
          "starting -> stopping",
          "starting -> failed",
          "starting -> error",
          "running -> completed",
          "running -> failed",
          "running -> stopping",
          "running -> error",
          "stopping -> stopped",
          "stopping -> completed",
          "stopping -> failed",
          "stopping -> error");

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (ExecutionStatus from : ExecutionStatus.values()) {
      for (ExecutionStatus to : ExecutionStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void transition_isAllowedExactlyWhenListed(ExecutionStatus from, ExecutionStatus to) {
    boolean listed = ALLOWED.contains(from.wireName() + " -> " + to.wireName());

    assertThat(ExecutionLifecycle.canTransition(from, to)).isEqualTo(listed);
    if (listed) {
      assertThat(ExecutionLifecycle.transition(from, to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> ExecutionLifecycle.transition(from, to))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining(from.wireName())
          .hasMessageContaining(to.wireName());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionStatus.class,
      names = {"COMPLETED", "FAILED", "STOPPED", "ERROR"})
  void terminalStatus_hasNoWayOut(ExecutionStatus status) {
    assertThat(status.isTerminal()).isTrue();
    assertThat(ExecutionLifecycle.next(status)).isEmpty();
    assertThatThrownBy(() -> ExecutionLifecycle.transition(status, RUNNING))
        .hasMessageContaining("already ended");
  }

  @Test
  void liveStatuses_areNotTerminal_andCanAlwaysError() {
    Set<ExecutionStatus> live = EnumSet.of(CREATED, QUEUED, STARTING, RUNNING, STOPPING);
    for (ExecutionStatus status : live) {
      assertThat(status.isTerminal()).as(status.wireName()).isFalse();
      assertThat(ExecutionLifecycle.canTransition(status, ERROR)).as(status.wireName()).isTrue();
    }
  }

  @Test
  void stop_beforeAnythingRuns_endsAtOnce() {
    assertThat(ExecutionLifecycle.stop(CREATED)).isEqualTo(STOPPED);
    assertThat(ExecutionLifecycle.stop(QUEUED)).isEqualTo(STOPPED);
  }

  @Test
  void stop_whileRunning_goesThroughStopping() {
    assertThat(ExecutionLifecycle.stop(STARTING)).isEqualTo(STOPPING);
    assertThat(ExecutionLifecycle.stop(RUNNING)).isEqualTo(STOPPING);
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionStatus.class,
      names = {"STOPPING", "COMPLETED", "FAILED", "STOPPED", "ERROR"})
  void stop_ofStoppingOrEnded_isRejected(ExecutionStatus status) {
    assertThatThrownBy(() -> ExecutionLifecycle.stop(status))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void wireName_roundTrips_andUnknownNamesListTheAcceptedOnes() {
    for (ExecutionStatus status : ExecutionStatus.values()) {
      assertThat(ExecutionStatus.fromWireName(status.wireName())).isEqualTo(status);
    }
    assertThatThrownBy(() -> ExecutionStatus.fromWireName("finished"))
        .hasMessageContaining("'finished'")
        .hasMessageContaining("completed");
    assertThat(COMPLETED.isTerminal()).isTrue();
    assertThat(FAILED.wireName()).isEqualTo("failed");
  }
}
