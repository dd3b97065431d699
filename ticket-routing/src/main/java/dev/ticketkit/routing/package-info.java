/**
 * Rules, classification and routing: triggers that run inside a command, time-based automations run as due
 * work, rule files in JSON or YAML, a keyword classifier for e-commerce inquiries, and assignment strategies
 * over team queues.
 */
package dev.ticketkit.routing;
