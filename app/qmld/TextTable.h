#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

// A plain-text table with a header row, columns padded to their widest cell.
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void setRightAligned(int column);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    void print(QTextStream &out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<bool> m_rightAligned;
};
