/**
 * Rules: triggers that run inside every command that touches a ticket, and time-based automations that run as
 * due work, loaded per tenant from JSON or YAML files (or built in code). Start at
 * {@link dev.ticketkit.routing.rules.RuleEngine}: add it to a {@code TicketEngine.Builder} as a module,
 * {@code parse} a file into a {@link dev.ticketkit.routing.rules.RuleSet} and {@code replace} a tenant's rules
 * with it; {@code explain} tells why rules match or not. Conditions use the shared model of
 * {@code dev.ticketkit.core.condition} over {@link dev.ticketkit.routing.rules.RuleFields#SCHEMA} and the facts
 * registered on the engine (such as {@code order.*}); actions are the {@link dev.ticketkit.routing.rules.Action}
 * records.
 */
package dev.ticketkit.routing.rules;
