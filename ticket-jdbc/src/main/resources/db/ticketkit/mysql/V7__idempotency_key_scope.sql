-- Idempotency keys are scoped to the actor that used them (the engine stores "<kind>:<actor id>|<key>", at most
-- 267 characters). Keys recorded before this version have no scope and no longer match a retried create.
ALTER TABLE ${prefix}idempotency_keys MODIFY idem_key VARCHAR(300) NOT NULL;
