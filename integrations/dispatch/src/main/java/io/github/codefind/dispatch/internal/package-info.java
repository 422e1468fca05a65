/**
 * The implementation of dispatchers: handler tables, decisions, decision caches and method-handle call
 * paths. Not exported.
 */
package io.github.codefind.dispatch.internal;
