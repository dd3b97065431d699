/**
 * What integrators implement to extend routing: a {@link dev.ticketkit.routing.spi.Classifier} of their own (a
 * model behind an HTTP call, say) in place of the built-in keyword classifier, plugged in with
 * {@code ClassificationHook.builder(classifier)}. The values it reads and returns are in
 * {@link dev.ticketkit.routing}.
 */
package dev.ticketkit.routing.spi;
