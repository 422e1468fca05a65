/** What the clinic's entities share: an id, a name, a person's names. */
package io.github.codefind.demo.spring.model;
