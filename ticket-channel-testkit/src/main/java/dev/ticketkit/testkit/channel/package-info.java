/**
 * The channel adapter contract: {@link dev.ticketkit.testkit.channel.ChannelAdapterContract}, an abstract JUnit 5
 * class every {@link dev.ticketkit.connectors.ChannelAdapter} extends in its tests.
 */
package dev.ticketkit.testkit.channel;
