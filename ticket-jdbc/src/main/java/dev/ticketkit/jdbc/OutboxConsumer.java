package dev.ticketkit.jdbc;

/**
 * Receives the outbox's events, for example to publish them to Kafka, RabbitMQ or NATS. Called by one
 * {@link OutboxRelay} thread at a time, in order for each ticket. Delivery is at least once: a message whose
 * delivery threw, or whose deletion did not commit, comes again, so consumers de-duplicate by
 * {@link OutboxMessage#eventId()}.
 */
@FunctionalInterface
public interface OutboxConsumer {

    /**
     * Delivers one message; returns normally once it is safely handed on. Throwing (an exception, or an error
     * such as {@code StackOverflowError}) schedules a retry with backoff and holds back the ticket's later
     * messages until this one is delivered, or until it failed {@link OutboxRelay.Builder#maxAttempts(int)} times
     * and became a {@link DeadLetter}. The message of what it throws may end up in the dead letter's reason unless
     * it quotes the event; keep event content out of it.
     */
    void deliver(OutboxMessage message) throws Exception;
}
