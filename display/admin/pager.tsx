// Paging through a long list, newest first: where we are, and Newer and Older.
/** "1–50 of 1,234", with Newer and Older. */
export function Pager(props: { total: number; offset: number; shown: number; pageSize: number; busy: boolean; onOffset: (offset: number) => void }) {
  const { total, offset, shown, pageSize } = props;
  return (
    <div class="pager no-print" data-test="pager">
      <span data-test="pager-range">
        {total === 0 ? 'None' : `${(offset + 1).toLocaleString()}–${(offset + shown).toLocaleString()} of ${total.toLocaleString()}`}
      </span>
      <button type="button" class="secondary" disabled={props.busy || offset === 0} onClick={() => props.onOffset(Math.max(0, offset - pageSize))} data-test="pager-newer">
        Newer
      </button>
      <button type="button" class="secondary" disabled={props.busy || offset + shown >= total} onClick={() => props.onOffset(offset + pageSize)} data-test="pager-older">
        Older
      </button>
    </div>
  );
}
