// Whether this deployment offers notices by SMS (a gateway is configured). Asked once
// per page load; until the answer comes, or if it never does, the choice is not shown.
import { useEffect, useState } from 'react';
import type { intake } from '../../../../shared/contract/intake';
import { call, route } from '../../apiClient';

const noticeChannelsRoute = route<typeof intake.noticeChannels>({
  kind: 'json',
  method: 'get',
  path: '/api/v1/notice-channels',
});

let known: boolean | undefined;
let asking: Promise<boolean> | undefined;

function askServer(): Promise<boolean> {
  asking ??= call(noticeChannelsRoute).then(
    (channels) => (known = channels.sms),
    () => {
      asking = undefined; // a weak network: ask again when the step shows next
      return false;
    },
  );
  return asking;
}

export function useSmsOffered(): boolean {
  const [offered, setOffered] = useState(known ?? false);
  useEffect(() => {
    let live = true;
    void askServer().then((sms) => live && setOffered(sms));
    return () => {
      live = false;
    };
  }, []);
  return offered;
}
