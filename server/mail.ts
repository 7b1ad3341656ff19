// Messages to people outside the desk (customers' opt-out links). The service has no mail server
// of its own: a deployment injects one; the default writes the message to the server log, which is
// what a developer running the service locally wants.
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function logMailer(log: Pick<FastifyBaseLogger, 'info'>): Mailer {
  return {
    send: async (message) => log.info({ mail: message }, `mail to ${message.to}: ${message.subject}`),
  };
}
