/**
 * Assignment: team queues worked by a {@link dev.ticketkit.routing.assign.Router} (round robin or least
 * loaded within per-channel capacity, skills with relaxation, sticky agent, presence, pull mode, overflow,
 * offline return), and the {@link dev.ticketkit.routing.assign.AgentPool} decision core it uses.
 */
package dev.ticketkit.routing.assign;
