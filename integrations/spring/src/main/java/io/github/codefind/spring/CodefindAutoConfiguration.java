package io.github.codefind.spring;

import io.github.codefind.spring.internal.PatchFollower;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Makes a Spring Boot application follow codefind's live patches: request mappings, new components,
 * re-created beans and Spring's reflective caches are brought in line with the code after each patch,
 * and a {@link CodePatchedEvent} says what was done.
 *
 * <p>Active when codefind is on the class path (under {@code java -jar codefind.jar run ...}, its agent,
 * or as a dependency) unless {@code codefind.spring.enabled=false}. codefind itself is an optional
 * dependency: without it this configuration does nothing and loads none of its classes.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.github.codefind.Codefind")
@ConditionalOnBooleanProperty(name = "codefind.spring.enabled", matchIfMissing = true)
public class CodefindAutoConfiguration {
    /** Creates the configuration; Spring Boot does. */
    public CodefindAutoConfiguration() {
    }

    /**
     * The bean that follows the patches for this application context.
     *
     * @param context the application context
     * @return the follower; it registers with codefind when the context is refreshed
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static PatchFollower codefindPatchFollower(ConfigurableApplicationContext context) {
        return new PatchFollower(context);
    }
}
