package io.github.codefind.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.codefind.spring.internal.PatchFollower;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration is found through its imports file, and can be switched off. */
class AutoConfigurationTest {
    /** An application with nothing of its own. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Empty {
    }

    private static int followers(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE).run(args)) {
            return context.getBeanNamesForType(PatchFollower.class).length;
        }
    }

    @Test
    void itIsOnWhenCodefindIsOnTheClassPath() {
        assertEquals(1, followers("--spring.main.banner-mode=off", "--logging.level.root=WARN"));
    }

    @Test
    void aPropertySwitchesItOff() {
        assertEquals(0, followers("--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--codefind.spring.enabled=false"));
    }
}
