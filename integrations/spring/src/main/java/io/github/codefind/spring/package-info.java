/**
 * Spring Boot integration of codefind: {@link io.github.codefind.spring.CodefindAutoConfiguration}
 * makes a running application follow live patches of its code, and
 * {@link io.github.codefind.spring.CodePatchedEvent} reports what it refreshed.
 */
package io.github.codefind.spring;
