/** Reading files a merchant edits: located JSON/YAML trees, the duration grammar, the located error. */
module dev.ticketkit.config {
    requires transitive dev.ticketkit.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports dev.ticketkit.config;
}
