import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tickets service's copy of each department's name and auto-close window (owned by access),
 * kept current by `department.updated`: the list shows and sorts by the name, the auto-close
 * sweep reads the window, neither asks access per row.
 */
@Entity({ name: 'departments' })
export class DepartmentRef {
  @PrimaryColumn('integer')
  id: number;

  @Column('text')
  name: string;

  /** Copied from access: null uses AUTO_CLOSE_AFTER, 0 never auto-closes. */
  @Column('integer', { nullable: true })
  autoCloseDays: number | null;

  @Column('timestamptz', { nullable: true })
  sourceUpdatedAt: Date | null;
}
