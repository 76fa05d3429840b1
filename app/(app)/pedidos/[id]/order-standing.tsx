import type { OrderGuidance } from "@/server/domain/orders/order-guidance";

const DEADLINE_TONES = {
  late: "border-red-200 bg-red-50 text-red-900",
  today: "border-amber-200 bg-amber-50 text-amber-950",
  upcoming: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

const NOTICE_TONES = {
  info: "border-slate-200 bg-slate-50 text-slate-800",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
} as const;

/** Where the order stands, under its status: the deadline, the one next step, and one notice per fact. */
export function OrderStanding({ guidance }: { guidance: OrderGuidance }) {
  return (
    <div className="mt-3 space-y-2">
      {guidance.deadline && (
        <p
          className={`rounded-md border px-3 py-1.5 text-sm font-medium ${DEADLINE_TONES[guidance.deadline.state]}`}
          data-testid="deadline"
        >
          {guidance.deadline.text}
        </p>
      )}
      {guidance.nextStep && (
        <p className="text-lg font-medium text-brand-900" data-testid="next-step">
          Próximo passo: {guidance.nextStep}
        </p>
      )}
      {guidance.notices.map((notice) => (
        <p
          key={notice.id}
          className={`rounded-md border px-3 py-2 text-sm ${NOTICE_TONES[notice.tone]}`}
          data-testid={`notice-${notice.id}`}
        >
          {notice.text}
        </p>
      ))}
    </div>
  );
}
