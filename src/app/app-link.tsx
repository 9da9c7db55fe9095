import { createContext, use, type ComponentProps, type MouseEvent } from 'react';

/**
 * How the header's links go to another page of the app. Inside the router it is the router's
 * navigate; on the landing page, which renders before the router has loaded, it starts the router
 * there. So the header needs no router code of its own.
 */
export const AppNavigationContext = createContext<((to: string) => void) | null>(null);

/** An in-app link: a plain `<a>`, which a click hands to the app instead of the browser. */
export function AppLink({ to, ...props }: { to: string } & Omit<ComponentProps<'a'>, 'href'>) {
  const navigate = use(AppNavigationContext);
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    props.onClick?.(event);
    const plainClick =
      event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
    if (!navigate || event.defaultPrevented || !plainClick) return;
    event.preventDefault();
    navigate(to);
  }
  return <a {...props} href={to} onClick={onClick} />;
}
