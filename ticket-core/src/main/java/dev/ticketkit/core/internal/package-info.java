/** Implementation details; not API. Types here may change in any release. */
package dev.ticketkit.core.internal;
