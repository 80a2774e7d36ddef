package dev.reports.service.api;

import java.util.UUID;

/** Who makes a request: an active user, and the organization everything is scoped to. */
record Caller(UUID userId, UUID organizationId) {}
