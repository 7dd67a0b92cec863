/**
 * Optional API keys. When {@code lrtune.security.api-keys} lists keys, {@link dev.lrtune.security.ApiKeyFilter}
 * answers every {@code /api/**} request without a valid {@code X-API-Key} header with a 401 problem; health, the
 * OpenAPI document, Swagger UI and static files stay open. With no keys configured nothing is checked. A small
 * servlet filter, not Spring Security: there are no users, roles or sessions to manage.
 */
package dev.lrtune.security;
