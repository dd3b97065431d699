/**
 * Classification of e-commerce inquiries: the built-in Chinese/English
 * {@link dev.ticketkit.routing.classify.KeywordClassifier} with per-tenant
 * {@link dev.ticketkit.routing.classify.ClassifierConfig} (JSON or YAML), and the
 * {@link dev.ticketkit.routing.classify.ClassificationHook} that tags tickets inside the command with what any
 * {@link dev.ticketkit.routing.spi.Classifier} found. The categories and the classifier's input and result are in
 * {@link dev.ticketkit.routing}.
 */
package dev.ticketkit.routing.classify;
