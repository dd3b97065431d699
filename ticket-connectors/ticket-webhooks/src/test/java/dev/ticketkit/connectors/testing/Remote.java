package dev.ticketkit.connectors.testing;

import dev.ticketkit.connectors.SendResult;

/** HTTP answers that make an HTTP-based adapter report each outcome. */
public final class Remote {
    private Remote() {
    }

    public static void answer(LocalHttp http, SendResult.Status outcome, String okBody, String retryBody, String permanentBody) {
        switch (outcome) {
            case DELIVERED -> http.answer(200, okBody);
            case RETRYABLE_FAILURE -> http.answer(retryBody == null ? 503 : 200, retryBody == null ? "" : retryBody);
            case PERMANENT_FAILURE -> http.answer(permanentBody == null ? 400 : 200, permanentBody == null ? "{}" : permanentBody);
        }
    }
}
