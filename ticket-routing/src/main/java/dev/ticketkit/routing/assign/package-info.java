/**
 * Assignment: team queues ({@link dev.ticketkit.routing.assign.TeamQueue}) worked by a
 * {@link dev.ticketkit.routing.assign.Router} (round robin or least loaded within per-channel capacity, skills
 * with relaxation, sticky agent, presence, pull mode, overflow, offline return). The router is the entry point;
 * its parts (the per-tenant load ledger, the recount, the assignment hook, the pull queue, presence changes) are
 * package-private here, and the decision core they share is in {@code dev.ticketkit.routing.internal}.
 */
package dev.ticketkit.routing.assign;
