// Where outgoing mail goes: SMTP in production; by default a folder of .eml files
// (data/mail) that a developer can open; or the console log. The folder is a
// development spool: each file is the whole message, recipient included, so it
// is readable by the service user only and is no place for production mail.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../env';

export function createTransport(
  config: Pick<Config, 'MAIL_TRANSPORT' | 'SMTP_URL' | 'WOODPECKER_DATA_DIR'>,
): Transporter {
  switch (config.MAIL_TRANSPORT) {
    case 'smtp':
      return nodemailer.createTransport(config.SMTP_URL!);
    case 'console':
      return nodemailer.createTransport({ jsonTransport: true });
    case 'file': {
      const dir = path.join(config.WOODPECKER_DATA_DIR, 'mail');
      const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      return {
        ...stream,
        sendMail: async (mail: nodemailer.SendMailOptions) => {
          const info = await stream.sendMail(mail);
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
          fs.chmodSync(dir, 0o700); // also when it already existed with looser rights
          const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(info.messageId).replace(/[^\w.-]/g, '')}.eml`;
          fs.writeFileSync(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
          return info;
        },
      } as unknown as Transporter;
    }
  }
}
