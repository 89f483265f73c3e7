// The controls of the frame and Home, in plain elements: they are on the first screen, which
// paints before Mantine is loaded (`app/MantineLayer.tsx`). Started cold, Mantine's provider,
// stylesheets and components took ~60 ms of the page's ~280 before the first paint (see
// docs/BENCHMARKS.md); the first screen now runs none of them. They look like Mantine's
// (Plain.module.css).
// Deliberately not here: anything a screen past Home needs — those use Mantine.
import {
  cloneElement,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SyntheticEvent,
} from "react";
import classes from "./Plain.module.css";

/** Mantine's global classes every Mantine button has: its focus ring, and the press. */
const FOCUSABLE = "mantine-focus-auto mantine-active";

function cx(...names: (string | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** Mantine's "light" variant of a theme colour: a tint behind text in the colour's readable shade. */
function light(color: string) {
  return { background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)` };
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "filled" | "default" | "subtle";
  size?: "xs" | "sm";
  left?: ReactNode;
  right?: ReactNode;
};

/** Mantine's Button: filled in the primary colour, "default" (outlined) or "subtle". */
export function PlainButton({ variant = "filled", size = "sm", left, right, children, className, ...props }: ButtonProps) {
  return (
    <button
      type="button"
      className={cx(classes.button, FOCUSABLE, className)}
      data-variant={variant}
      data-size={size}
      data-with-left={left ? "" : undefined}
      data-with-right={right ? "" : undefined}
      {...props}
    >
      {left}
      {children}
      {right}
    </button>
  );
}

/** Mantine's ActionIcon ("sm"): an icon alone; `aria-label` names it. */
export function IconButton({
  variant = "subtle",
  tone = "gray",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "light" | "subtle"; tone?: "gray" | "red" | "primary" }) {
  return <button type="button" className={cx(classes.icon, FOCUSABLE, className)} data-variant={variant} data-tone={tone} {...props} />;
}

/** Mantine's light Badge, in one of the theme's colours. */
export function Badge({ color, children, ...props }: { color: string; children: ReactNode; "data-testid"?: string }) {
  return (
    <span className={classes.badge} style={light(color)} {...props}>
      {children}
    </span>
  );
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className={classes.kbd}>{children}</kbd>;
}

/** Mantine's Card with a border. */
export function Card({ className, ...props }: { className?: string; children: ReactNode; "data-testid"?: string }) {
  return <div className={cx(classes.card, className)} {...props} />;
}

/** Mantine's light Alert (role "alert", as Mantine's): a title in `color`, then the text. */
export function Alert({ color, title, children, ...props }: { color: string; title: string; children: ReactNode; "data-testid"?: string }) {
  return (
    <div role="alert" className={classes.alert} style={light(color)} {...props}>
      <div className={classes.alertTitle}>{title}</div>
      <div className={classes.alertBody}>{children}</div>
    </div>
  );
}

export function Skeleton({ height, label, className }: { height: number; label: string; className?: string }) {
  return <div className={cx(classes.skeleton, className)} style={{ height }} role="status" aria-label={label} />;
}

/** While a screen's code loads. */
export function Loading() {
  return <span className={classes.loader} role="status" aria-label="Opening" />;
}

/**
 * A tooltip: `label` shows above `children` (one focusable control) while it is hovered or
 * focused from the keyboard — below it where there is no room above, always inside the
 * window — and describes it to screen readers. Placed in the window's coordinates, so that no
 * scrolling or clipping container cuts it.
 */
export function Hint({
  label,
  children,
  tone,
  disabled,
}: {
  label: string;
  children: ReactElement<{ "aria-describedby"?: string }>;
  tone?: "red";
  disabled?: boolean;
}) {
  const id = useId();
  const [target, setTarget] = useState<DOMRect>();
  const tip = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = tip.current;
    if (!el || !target) return;
    const gap = 6;
    const { width, height } = el.getBoundingClientRect();
    const above = target.top - gap - height;
    const left = Math.min(Math.max(target.left + target.width / 2 - width / 2, gap), window.innerWidth - width - gap);
    el.style.left = `${left}px`;
    el.style.top = `${above >= gap ? above : target.bottom + gap}px`;
  });
  const show = (e: SyntheticEvent<HTMLElement>) => setTarget(e.currentTarget.getBoundingClientRect());
  const hide = () => setTarget(undefined);
  return (
    <span
      className={classes.hint}
      onPointerEnter={show}
      onPointerLeave={hide}
      onFocus={(e) => e.target.matches(":focus-visible") && show(e)}
      onBlur={hide}
    >
      {cloneElement(children, { "aria-describedby": disabled ? undefined : id })}
      {/* Kept while hidden: it is the control's description for screen readers. */}
      {!disabled && (
        <span ref={tip} id={id} role="tooltip" className={classes.tip} data-tone={tone} hidden={!target}>
          {label}
        </span>
      )}
    </span>
  );
}
