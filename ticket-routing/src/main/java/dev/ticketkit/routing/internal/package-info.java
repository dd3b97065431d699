/**
 * Implementation shared by the routing packages; not API. Nothing here is named by a public method of the API
 * packages, and a future {@code module-info} will not export it. {@link dev.ticketkit.routing.internal.AgentPool}
 * is the in-memory decision core of assignment (members per team, skills as bit masks, loads per agent and
 * channel, capacity claimed with a compare-and-set), public so that benchmarks can measure it.
 */
package dev.ticketkit.routing.internal;
