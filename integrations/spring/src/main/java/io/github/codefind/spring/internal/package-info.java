/**
 * The machinery behind {@link io.github.codefind.spring.CodefindAutoConfiguration}: not an API.
 */
package io.github.codefind.spring.internal;
