/**
 * Classification of e-commerce inquiries: the {@link dev.ticketkit.routing.classify.Classifier} SPI, the
 * built-in Chinese/English {@link dev.ticketkit.routing.classify.KeywordClassifier} with per-tenant
 * {@link dev.ticketkit.routing.classify.ClassifierConfig} (JSON or YAML), and the
 * {@link dev.ticketkit.routing.classify.ClassificationHook} that tags tickets inside the command.
 */
package dev.ticketkit.routing.classify;
