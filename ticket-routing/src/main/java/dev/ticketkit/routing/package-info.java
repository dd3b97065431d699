/**
 * Rules, classification and routing for TicketKit: three modules that plug into a
 * {@link dev.ticketkit.core.TicketEngine} through the module contract
 * ({@link dev.ticketkit.core.spi.TicketModule}), each on the engine's clock.
 *
 * <ul>
 *   <li><b>Rules</b> ({@link dev.ticketkit.routing.rules}): {@link dev.ticketkit.routing.rules.RuleEngine} runs
 *       triggers inside every command that touches a ticket and time-based automations as due work, loaded per
 *       tenant from JSON or YAML files or built in code.</li>
 *   <li><b>Classification</b> ({@link dev.ticketkit.routing.classify}):
 *       {@link dev.ticketkit.routing.classify.ClassificationHook} tags new tickets and customer messages with what
 *       a {@link dev.ticketkit.routing.spi.Classifier} found (the built-in one is
 *       {@link dev.ticketkit.routing.classify.KeywordClassifier}).</li>
 *   <li><b>Routing</b> ({@link dev.ticketkit.routing.assign}): {@link dev.ticketkit.routing.assign.Router} assigns
 *       tickets over team queues (strategies, capacity, skills, sticky agents, presence, pull, overflow).</li>
 * </ul>
 *
 * <p>This package holds the vocabulary the three share: the {@link dev.ticketkit.routing.Category categories} of
 * an inquiry (classification tags them, routing maps them to skills), and what a classifier reads
 * ({@link dev.ticketkit.routing.ClassificationInput}) and finds ({@link dev.ticketkit.routing.Classification}).
 * {@link dev.ticketkit.routing.spi} holds what integrators implement; {@code dev.ticketkit.routing.internal} is
 * implementation shared by the packages here and is not API: it may change in any release.
 */
package dev.ticketkit.routing;
