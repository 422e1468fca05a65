/**
 * A realistic Spring Boot web application to measure and test codefind on: Spring MVC with Thymeleaf
 * pages and a JSON API, Spring Data JPA on H2, bean validation, caching and actuator.
 */
package io.github.codefind.demo.spring;
