package dev.reports.engine.delivery;

/**
 * A listed recipient that will not get the report, and why (deactivated, another organization…).
 */
public record SkippedRecipient(Recipient recipient, String reason) {}
