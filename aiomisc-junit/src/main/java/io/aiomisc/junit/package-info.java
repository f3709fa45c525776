/**
 * JUnit 5 support for aiomisc services: {@link io.aiomisc.junit.AiomiscTest}, {@link io.aiomisc.junit.Services}
 * and {@link io.aiomisc.junit.UnusedPort}.
 */
package io.aiomisc.junit;
