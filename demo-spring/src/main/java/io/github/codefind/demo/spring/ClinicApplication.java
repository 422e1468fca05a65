package io.github.codefind.demo.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/** A veterinary clinic: owners, their pets and visits, vets and their specialties. */
@SpringBootApplication
@EnableCaching
public class ClinicApplication {
    /** @param args Spring Boot's arguments, such as {@code --server.port=0} */
    public static void main(String[] args) {
        SpringApplication.run(ClinicApplication.class, args);
    }
}
