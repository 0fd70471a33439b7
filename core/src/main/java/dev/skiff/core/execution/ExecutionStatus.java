package dev.skiff.core.execution;

import java.util.Locale;

/**
 * Where an execution is in its life. {@link #ERROR} means the platform failed, not the user's code;
 * {@link #FAILED} means the user's code (or its inputs) did.
 */
public enum ExecutionStatus {
  CREATED,
  QUEUED,
  STARTING,
  RUNNING,
  /** A stop was asked for while the code was running; the worker is winding it down. */
  STOPPING,
  COMPLETED,
  FAILED,
  STOPPED,
  ERROR;

  /** True once nothing can change the status any more. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == STOPPED || this == ERROR;
  }

  /** The lower-case name used on the wire and in the CLI, e.g. {@code "running"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name such as {@code "running"}.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
   */
  public static ExecutionStatus fromWireName(String name) {
    for (ExecutionStatus status : values()) {
      if (status.wireName().equals(name)) {
        return status;
      }
    }
    StringBuilder accepted = new StringBuilder();
    for (ExecutionStatus status : values()) {
      accepted.append(accepted.length() == 0 ? "" : ", ").append(status.wireName());
    }
    throw new IllegalArgumentException(
        "unknown execution status '" + name + "'; expected one of: " + accepted);
  }
}
