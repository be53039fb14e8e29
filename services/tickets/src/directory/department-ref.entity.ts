import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The tickets service's copy of each department's name (owned by access), kept current by
 * `department.updated`: the list shows it and sorts by it without asking access per row.
 */
@Entity({ name: 'departments' })
export class DepartmentRef {
  @PrimaryColumn('integer')
  id: number;

  @Column('text')
  name: string;
}
