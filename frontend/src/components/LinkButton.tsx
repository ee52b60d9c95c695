import type { ComponentProps, MouseEvent } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';

/** An Ant Design button that is a real link (<a href>), navigating inside the SPA. */
export function LinkButton({ to, ...props }: Omit<ComponentProps<typeof Button>, 'href'> & { to: string }) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLElement>) => {
    props.onClick?.(event as MouseEvent<HTMLAnchorElement & HTMLButtonElement>);
    if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return <Button {...props} href={to} onClick={onClick} />;
}
