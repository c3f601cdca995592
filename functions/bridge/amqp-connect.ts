/** The RabbitMQ connection settings are shared with the functions' AMQP publisher. */
export * from '../../shared/rabbitmq/connection';
