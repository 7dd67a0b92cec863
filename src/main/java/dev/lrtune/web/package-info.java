/**
 * What every HTTP feature shares: errors as RFC 9457 problem details from one advice, and the
 * OpenAPI description. Features live in their own packages; this one holds no business logic.
 */
package dev.lrtune.web;
